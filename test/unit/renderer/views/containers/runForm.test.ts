/** The Run dialog's form: rows to a RunSpec, errors back to their rows, command words. */
import { describe, expect, it } from 'vitest';
import { splitShellWords } from '../../../../../renderer/views/containers/shellWords';
import {
  emptyForm,
  emptyPort,
  fieldErrorsFromDetails,
  toRunSpec,
} from '../../../../../renderer/views/containers/runForm';

describe('the Run form', () => {
  it('maps errors of a form with blank rows back to the right row', () => {
    const form = {
      ...emptyForm('redis'),
      ports: [emptyPort(), { ...emptyPort(), hostPort: 'abc', containerPort: '80' }],
    };
    const result = toRunSpec(form);
    expect('errors' in result && result.errors['ports.1.hostPort']).toBe('Host port must be a number.');
    expect(fieldErrorsFromDetails(form, [{ path: 'ports.0.hostPort', message: 'in use' }])).toEqual({
      'ports.1.hostPort': 'in use',
    });
  });

  it('splits the command like a shell', () => {
    expect(splitShellWords(`sh -c 'echo "hi there"' a\\ b "x\\"y"`)).toEqual({
      words: ['sh', '-c', 'echo "hi there"', 'a b', 'x"y'],
    });
    expect(splitShellWords('echo "open')).toEqual({ error: 'Unclosed double quote in the command.' });
    const ok = toRunSpec({ ...emptyForm('redis'), name: 'web', command: 'redis-server --port 7000' });
    expect('spec' in ok && ok.spec).toMatchObject({
      image: 'redis',
      name: 'web',
      command: ['redis-server', '--port', '7000'],
    });
  });
});
