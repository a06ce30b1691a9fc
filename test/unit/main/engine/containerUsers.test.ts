/** Who uses each volume or network, kept from the containers' list events. */
import { describe, expect, it } from 'vitest';
import { ContainerUsers } from '../../../../main/engine/containerUsers';
import { containerSummary } from '../../../helpers/containerSummary';

describe('container users', () => {
  it('names each user once, and gives the keys whose users changed, event by event', () => {
    const users = new ContainerUsers((c) => c.volumes);
    const a = containerSummary({ id: 'a', name: 'web', volumes: ['data', 'cache'] });
    const b = containerSummary({ id: 'b', name: 'db', volumes: ['data', 'data'] });
    expect(users.apply({ type: 'snapshot', items: [a, b, containerSummary({ id: 'c' })] })).toBe('all');
    expect(users.of(['data'])).toEqual([
      { id: 'b', name: 'db' },
      { id: 'a', name: 'web' },
    ]);
    expect(users.of(['cache', 'data']).map((u) => u.id)).toEqual(['b', 'a']);

    // A container that changed nothing here (its state), one that mounts nothing, then one created.
    expect(users.apply({ type: 'upsert', items: [{ ...a, state: 'exited' }, containerSummary({ id: 'd' })] })).toEqual(
      new Set(),
    );
    const e = containerSummary({ id: 'e', name: 'backup', volumes: ['data'] });
    expect(users.apply({ type: 'upsert', items: [e] })).toEqual(new Set(['data']));
    // Renamed: every key it uses changed (the name shown).
    expect(users.apply({ type: 'upsert', items: [{ ...a, name: 'web-2' }] })).toEqual(new Set(['data', 'cache']));
    expect(users.of(['cache'])).toEqual([{ id: 'a', name: 'web-2' }]);
    // Removed (and an id it never knew).
    expect(users.apply({ type: 'remove', ids: ['a', 'zzz'] })).toEqual(new Set(['data', 'cache']));
    expect(users.of(['cache'])).toEqual([]);
    expect(users.of(['data']).map((u) => u.name)).toEqual(['backup', 'db']);
    // A new snapshot starts over.
    users.apply({ type: 'snapshot', items: [] });
    expect(users.of(['data'])).toEqual([]);
  });
});
