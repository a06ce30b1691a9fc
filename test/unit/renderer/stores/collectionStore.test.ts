/** A live collection store retries a failed stream while it is held, except after a final error (RBAC: forbidden). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCollectionStore } from '../../../../renderer/stores/collectionStore';
import type { CollectionEvent } from '../../../../contract/collection';
import type { ApiErrorShape } from '../../../../contract/apiError';
import type { StreamHandlers } from '../../../../contract/define';
import { isForbidden } from '../../../../renderer/common/apiError';

type Item = { id: string };
const forbidden: ApiErrorShape = {
  code: 'failed',
  message: 'Forbidden: secrets is forbidden',
  hint: 'Your user lacks the RBAC permission for this.',
  details: { httpStatus: 403 },
};
const unreachable: ApiErrorShape = { code: 'cluster_unreachable', message: 'Cluster not reachable (ECONNREFUSED).' };

/** A stream that fails with `error` each time it is opened; counts the opens. */
function failing(error: ApiErrorShape) {
  let opens = 0;
  const subscribe = (h: StreamHandlers<CollectionEvent<Item>>) => {
    opens++;
    queueMicrotask(() => h.onEnd?.(error));
    return { unsubscribe: () => undefined };
  };
  return { subscribe, opens: () => opens };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('collection store retries', () => {
  it('tries a failed stream again every 1.5 s while held', async () => {
    const stream = failing(unreachable);
    const store = createCollectionStore<Item>(stream.subscribe, (i) => i.id, { final: isForbidden });
    const release = store.getState().retain();
    await vi.advanceTimersByTimeAsync(4_600);
    expect(stream.opens()).toBe(4);
    expect(store.getState().error).toEqual(unreachable);
    release();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stream.opens()).toBe(4);
  });

  it('stops after a forbidden list, keeps the error, and asks again only when held afresh', async () => {
    const stream = failing(forbidden);
    const store = createCollectionStore<Item>(stream.subscribe, (i) => i.id, { final: isForbidden });
    const release = store.getState().retain();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(stream.opens()).toBe(1);
    expect(store.getState().error).toEqual(forbidden);
    expect(store.getState().loaded).toBe(false);
    release();
    store.getState().retain();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(stream.opens()).toBe(2);
  });

  it('without the option every error is retried', async () => {
    const stream = failing(forbidden);
    const store = createCollectionStore<Item>(stream.subscribe, (i) => i.id);
    store.getState().retain();
    await vi.advanceTimersByTimeAsync(3_100);
    expect(stream.opens()).toBe(3);
  });
});

/** A store whose stream the test feeds by hand. */
function fedStore() {
  let handlers: StreamHandlers<CollectionEvent<Item>> | undefined;
  const store = createCollectionStore<Item>(
    (h) => {
      handlers = h;
      return { unsubscribe: () => undefined };
    },
    (i) => i.id,
  );
  return { store, emit: (event: CollectionEvent<Item>) => handlers?.onEvent(event) };
}

describe('collection store changes', () => {
  it('applies a burst of upserts and removals in order, one state change per frame after the first', async () => {
    const { store, emit } = fedStore();
    let changes = 0;
    store.subscribe(() => changes++);
    store.getState().retain();
    emit({ type: 'snapshot', items: [{ id: 'a' }] });
    expect([...store.getState().items.keys()]).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(100);
    changes = 0;
    for (let i = 0; i < 50; i++) emit({ type: 'upsert', items: [{ id: `p${i}` }] });
    emit({ type: 'remove', ids: ['a', 'p0'] });
    expect(changes).toBe(1); // the first change at once
    await vi.advanceTimersByTimeAsync(16);
    expect(changes).toBe(2); // the other 50 together
    expect(store.getState().items.size).toBe(49);
    expect(store.getState().items.has('a')).toBe(false);
  });

  it('a snapshot replaces changes still waiting', async () => {
    const { store, emit } = fedStore();
    store.getState().retain();
    emit({ type: 'upsert', items: [{ id: 'x' }] });
    emit({ type: 'upsert', items: [{ id: 'y' }] });
    emit({ type: 'snapshot', items: [{ id: 'z' }] });
    await vi.advanceTimersByTimeAsync(100);
    expect([...store.getState().items.keys()]).toEqual(['z']);
  });

  it('says which ids each change touched and which map it changed, none after a snapshot', async () => {
    const { store, emit } = fedStore();
    store.getState().retain();
    emit({ type: 'snapshot', items: [{ id: 'a' }, { id: 'b' }] });
    expect(store.getState().delta).toBeUndefined();
    await vi.advanceTimersByTimeAsync(100);
    const before = store.getState().items;
    emit({ type: 'upsert', items: [{ id: 'c' }] });
    expect(store.getState().delta).toEqual({ from: before, ids: new Set(['c']) });
    expect(store.getState().delta?.from).toBe(before);
    const second = store.getState().items;
    emit({ type: 'remove', ids: ['a'] });
    emit({ type: 'upsert', items: [{ id: 'b' }, { id: 'd' }] });
    await vi.advanceTimersByTimeAsync(16);
    expect(store.getState().delta?.from).toBe(second);
    expect(store.getState().delta?.ids).toEqual(new Set(['a', 'b', 'd']));
    emit({ type: 'snapshot', items: [{ id: 'z' }] });
    expect(store.getState().delta).toBeUndefined();
  });
});
