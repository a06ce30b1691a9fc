/** A stack made from its containers' compose labels, whoever started them. */
import { describe, expect, it } from 'vitest';
import { stackOf, stackProjectOf } from '../../../../main/compose/stacks';
import { composeMember as member, containerSummary } from '../../../helpers/containerSummary';

describe('stacks from container labels', () => {
  it('groups a project by service, with state and absolute files', () => {
    const a = stackOf('a', [member('1', 'a', 'web', 'running'), member('2', 'a', 'db', 'exited')]);
    expect(a).toMatchObject({
      state: 'partial',
      running: 1,
      total: 2,
      configFiles: ['/srv/app/compose.yaml', '/etc/extra.yml'],
    });
    expect(a.services.map((s) => s.name)).toEqual(['db', 'web']);
    expect(stackOf('b', [member('3', 'b', 'web', 'running')])).toMatchObject({ state: 'running', total: 1 });
  });

  it('counts neither one-off run containers nor containers without a project', () => {
    expect(stackProjectOf(member('1', 'a', 'web', 'running'))).toBe('a');
    expect(stackProjectOf(member('4', 'b', 'web', 'running', { 'com.docker.compose.oneoff': 'True' }))).toBeUndefined();
    expect(stackProjectOf(containerSummary({ id: '5' }))).toBeUndefined();
  });
});
