/** Stacks kept from the containers' live list: each event regroups and sends only the stacks it touches. */
import { describe, expect, it } from 'vitest';
import { StackGroups } from '../../../../main/compose/liveStacks';
import { composeMember as member, containerSummary } from '../../../helpers/containerSummary';

describe('stacks kept incrementally', () => {
  it('sends a snapshot of every stack, then only the stacks a container event touches', () => {
    const groups = new StackGroups();
    const [snapshot] = groups.apply({
      type: 'snapshot',
      items: [
        member('1', 'a', 'web', 'running'),
        member('2', 'a', 'db', 'running'),
        member('3', 'b', 'web', 'running'),
      ],
    });
    expect(snapshot?.type === 'snapshot' && snapshot.items.map((s) => s.name).sort()).toEqual(['a', 'b']);

    // One container of a stops: only a is sent.
    expect(groups.apply({ type: 'upsert', items: [member('2', 'a', 'db', 'exited')] })).toEqual([
      { type: 'upsert', items: [expect.objectContaining({ name: 'a', state: 'partial', running: 1, total: 2 })] },
    ]);
    // A container that is no stack's, or a stack's container that did not change: nothing is sent.
    expect(groups.apply({ type: 'upsert', items: [containerSummary({ id: '9' })] })).toEqual([]);
    expect(groups.apply({ type: 'upsert', items: [member('3', 'b', 'web', 'running')] })).toEqual([]);
    // A new stack, then its last container removed: it comes, then goes.
    expect(groups.apply({ type: 'upsert', items: [member('4', 'c', 'web', 'created')] })).toEqual([
      { type: 'upsert', items: [expect.objectContaining({ name: 'c', total: 1 })] },
    ]);
    expect(groups.apply({ type: 'remove', ids: ['4', '9'] })).toEqual([{ type: 'remove', ids: ['c'] }]);
    // One of a's two removed: a is sent with the one left.
    expect(groups.apply({ type: 'remove', ids: ['1'] })).toEqual([
      { type: 'upsert', items: [expect.objectContaining({ name: 'a', total: 1, state: 'stopped' })] },
    ]);
  });

  it('matches grouping every container at once, whatever order the events come in', () => {
    const groups = new StackGroups();
    groups.apply({ type: 'snapshot', items: [] });
    const live = new Map<string, unknown>();
    const containers = Array.from({ length: 30 }, (_, i) =>
      member(String(i + 1), `p${i % 7}`, i % 2 ? 'web' : 'db', i % 3 ? 'running' : 'exited'),
    );
    const follow = (events: ReturnType<StackGroups['apply']>) => {
      for (const e of events) {
        if (e.type === 'remove') for (const id of e.ids) live.delete(id);
        else for (const s of e.items) live.set(s.name, s);
      }
    };
    for (const c of containers) follow(groups.apply({ type: 'upsert', items: [c] }));
    follow(groups.apply({ type: 'remove', ids: containers.filter((_, i) => i % 4 === 0).map((c) => c.id) }));
    const kept = containers.filter((_, i) => i % 4 !== 0);
    const fresh = new StackGroups().apply({ type: 'snapshot', items: kept })[0];
    expect(fresh?.type).toBe('snapshot');
    const expected = fresh?.type === 'snapshot' ? fresh.items : [];
    expect(new Map(expected.map((s) => [s.name, s]))).toEqual(live);
  });
});
