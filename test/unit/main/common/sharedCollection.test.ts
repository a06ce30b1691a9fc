/**
 * The shared part of a live list: one load for every subscriber, a load in flight the owner gives up on, and
 * the linger after the last subscriber leaves (on fake timers): a subscriber back within it gets the cache;
 * none when the owner says the cache cannot be trusted then.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CollectionEvent } from '../../../../contract/collection';
import { SharedCollection } from '../../../../main/common/sharedCollection';

interface Item {
  id: string;
}

/** Loads the test answers one by one, in any order; `canLinger` is the owner's say on lingering. */
function loads(lingerMs?: number, canLinger?: () => boolean) {
  const asked: Array<{ resolve(items: Item[]): void; reject(error: Error): void }> = [];
  let starts = 0;
  let stops = 0;
  const shared = new SharedCollection<Item>({
    load: () =>
      new Promise<Item[]>((resolve, reject) => asked.push({ resolve, reject })).then(
        (items) => new Map(items.map((i) => [i.id, i])),
      ),
    start: () => void starts++,
    stop: () => void stops++,
    ...(lingerMs === undefined ? {} : { lingerMs }),
    ...(canLinger ? { canLinger } : {}),
  });
  return { shared, asked, starts: () => starts, stops: () => stops };
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

describe('SharedCollection linger', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  /** A list lingering 30 s, loaded once with `items` and left by its one subscriber. */
  async function leftAfterLoad(items: Item[]) {
    const list = loads(30_000);
    const subscribed = list.shared.subscribe(() => {});
    list.asked[0]!.resolve(items);
    const off = await subscribed;
    off();
    return list;
  }

  it('a subscriber back within 30 s gets the cached list, as the owner kept it, with no new load', async () => {
    const { shared, asked, starts, stops } = await leftAfterLoad([{ id: 'a' }]);
    expect(shared.lingering).toBe(true);
    shared.cache!.set('b', { id: 'b' }); // an engine event the owner applied meanwhile
    await vi.advanceTimersByTimeAsync(29_999);

    const events: Array<CollectionEvent<Item>> = [];
    const off = await shared.subscribe((e) => events.push(e));
    expect(events).toEqual([{ type: 'snapshot', items: [{ id: 'a' }, { id: 'b' }] }]);
    expect(asked).toHaveLength(1);
    expect([starts(), stops()]).toEqual([1, 0]);
    expect(shared.lingering).toBe(false);

    // The linger it came back within does not stop it later.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stops()).toBe(0);
    off();
    expect(shared.lingering).toBe(true);
  });

  it('stops 30 s after the last subscriber left; the next subscriber starts it and loads afresh', async () => {
    const { shared, asked, starts, stops } = await leftAfterLoad([{ id: 'a' }]);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(stops()).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(stops()).toBe(1);
    expect(shared.cache).toBeUndefined();
    expect(shared.lingering).toBe(false);

    const events: Array<CollectionEvent<Item>> = [];
    const subscribed = shared.subscribe((e) => events.push(e));
    expect(asked).toHaveLength(2);
    expect(starts()).toBe(2);
    asked[1]!.resolve([{ id: 'c' }]);
    await subscribed;
    expect(events).toEqual([{ type: 'snapshot', items: [{ id: 'c' }] }]);
  });

  it('stopLingering stops a lingering list at once, and does nothing to one with subscribers', async () => {
    const { shared, asked, stops } = await leftAfterLoad([{ id: 'a' }]);
    shared.stopLingering();
    expect(stops()).toBe(1);
    expect(shared.cache).toBeUndefined();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stops()).toBe(1); // the linger's own end does not stop it twice

    const subscribed = shared.subscribe(() => {});
    expect(asked).toHaveLength(2);
    asked[1]!.resolve([{ id: 'a' }]);
    const off = await subscribed;
    shared.stopLingering();
    expect(stops()).toBe(1);
    expect(shared.cache).toBeDefined();
    off();
  });

  it('close ends a linger now, and from then on the last subscriber to leave stops the list at once', async () => {
    const { shared, asked, stops } = await leftAfterLoad([{ id: 'a' }]);
    const subscribed = shared.subscribe(() => {});
    const off = await subscribed;
    shared.close();
    expect(stops()).toBe(0); // someone still watches
    off();
    expect(stops()).toBe(1);
    expect(shared.lingering).toBe(false);
    expect(asked).toHaveLength(1);
  });

  it('does not linger when the owner says its cache cannot be trusted as the last subscriber leaves', async () => {
    let connected = false;
    const { shared, asked, stops } = loads(30_000, () => connected);
    const first = shared.subscribe(() => {});
    asked[0]!.resolve([{ id: 'a' }]);
    (await first)();
    expect(stops()).toBe(1);
    expect(shared.lingering).toBe(false);
    expect(shared.cache).toBeUndefined();

    // Trusted again: the next one to leave lingers.
    connected = true;
    const second = shared.subscribe(() => {});
    asked[1]!.resolve([{ id: 'a' }]);
    (await second)();
    expect(shared.lingering).toBe(true);
    expect(stops()).toBe(1);
  });

  it('a first load that fails does not linger', async () => {
    const { shared, asked, stops } = loads(30_000);
    const subscribed = shared.subscribe(() => {});
    asked[0]!.reject(new Error('engine_unreachable'));
    await expect(subscribed).rejects.toThrow('engine_unreachable');
    expect(stops()).toBe(1);
    expect(shared.lingering).toBe(false);
  });

  it('without lingerMs the last subscriber to leave stops the list at once', async () => {
    const { shared, asked, stops } = loads();
    const subscribed = shared.subscribe(() => {});
    asked[0]!.resolve([]);
    (await subscribed)();
    expect(stops()).toBe(1);
    expect(shared.lingering).toBe(false);
  });
});
