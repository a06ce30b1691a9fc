/** The create dialog's text fields turned into the contract's form, with errors that name the field. */
import { describe, expect, it } from 'vitest';
import { emptyFields, parsePairs, toCreateForm } from '../../../../../../renderer/views/kubernetes/actions/createForm';
import { CreateForm } from '../../../../../../contract/kubeActions';

describe('create form', () => {
  it('reads KEY=value lines, values may hold "="', () => {
    expect(parsePairs('a=1\n\n b = x=y \n')).toEqual({ pairs: { a: '1', b: ' x=y' } });
    expect(parsePairs('a=1\nnope')).toEqual({ error: 'Line 2: write KEY=value.' });
  });

  it('builds forms the contract accepts, and ones it refuses with a reason', () => {
    const svc = toCreateForm({ ...emptyFields('Service'), name: 'web', pairs: 'app=web', port: '80' });
    expect(svc).toEqual({
      form: { kind: 'Service', name: 'web', type: 'ClusterIP', selector: { app: 'web' }, port: 80, targetPort: 80 },
    });
    const job = toCreateForm({ ...emptyFields('Job'), name: 'once', image: 'busybox', command: 'echo  hi' });
    expect('form' in job && CreateForm.parse(job.form)).toMatchObject({ command: ['echo', 'hi'], backoffLimit: 0 });
    const bad = toCreateForm({ ...emptyFields('Deployment'), name: 'Web', image: 'x', replicas: 'two' });
    const parsed = 'form' in bad ? CreateForm.safeParse(bad.form) : undefined;
    expect(parsed?.success).toBe(false);
    expect(parsed?.error?.issues.map((i) => i.path.join('.'))).toEqual(['name', 'replicas']);
    expect(toCreateForm({ ...emptyFields('Secret'), name: 's', pairs: 'x' })).toEqual({
      error: 'Data: Line 1: write KEY=value.',
    });
  });
});
