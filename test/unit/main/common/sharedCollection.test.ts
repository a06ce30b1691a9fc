/** The shared part of a live list: one load for every subscriber, and a load in flight the owner gives up on. */
import { describe, expect, it } from 'vitest';
import type { CollectionEvent } from '../../../../contract/collection';
import { SharedCollection } from '../../../../main/common/sharedCollection';

interface Item {
  id: string;
}

/** Loads the test answers one by one, in any order. */
function loads() {
  const asked: Array<{ resolve(items: Item[]): void; reject(error: Error): void }> = [];
  let stops = 0;
  const shared = new SharedCollection<Item>({
    load: () =>
      new Promise<Item[]>((resolve, reject) => asked.push({ resolve, reject })).then(
        (items) => new Map(items.map((i) => [i.id, i])),
      ),
    stop: () => void stops++,
  });
  return { shared, asked, stops: () => stops };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('SharedCollection', () => {
  it('serves every subscriber from one load', async () => {
    const { shared, asked } = loads();
    const first: Array<CollectionEvent<Item>> = [];
    const second: Array<CollectionEvent<Item>> = [];
    const a = shared.subscribe((e) => first.push(e));
    const b = shared.subscribe((e) => second.push(e));
    asked[0]!.resolve([{ id: 'a' }]);
    await Promise.all([a, b]);
    expect(asked).toHaveLength(1);
    expect(first).toEqual([{ type: 'snapshot', items: [{ id: 'a' }] }]);
    expect(second).toEqual(first);
  });

  it('reload: those waiting get the new load, and the one given up on is dropped whenever it answers', async () => {
    const { shared, asked } = loads();
    const first: Array<CollectionEvent<Item>> = [];
    const second: Array<CollectionEvent<Item>> = [];
    const a = shared.subscribe((e) => first.push(e));
    shared.reload();
    const b = shared.subscribe((e) => second.push(e));
    expect(asked).toHaveLength(2);

    asked[1]!.resolve([{ id: 'a' }, { id: 'b' }]);
    await Promise.all([a, b]);
    asked[0]!.resolve([{ id: 'a' }]); // late, from before the reload
    await tick();
    expect(first).toEqual([{ type: 'snapshot', items: [{ id: 'a' }, { id: 'b' }] }]);
    expect(second).toEqual(first);
    expect([...shared.cache!.keys()]).toEqual(['a', 'b']);
  });

  it('reload: the error of a load given up on is not seen; the new load’s is', async () => {
    const { shared, asked, stops } = loads();
    const a = shared.subscribe(() => {});
    shared.reload();
    asked[0]!.reject(new Error('socket hang up'));
    await tick();
    asked[1]!.reject(new Error('The Docker engine closed the connection in the middle of its answer.'));
    await expect(a).rejects.toThrow('in the middle of its answer');
    expect(shared.size).toBe(0);
    expect(stops()).toBe(1);
  });

  it('reload does nothing once the list is loaded, nor before anyone asked for it', async () => {
    const { shared, asked } = loads();
    shared.reload();
    expect(asked).toHaveLength(0);
    const a = shared.subscribe(() => {});
    asked[0]!.resolve([]);
    await a;
    shared.reload();
    expect(asked).toHaveLength(1);
  });
});
