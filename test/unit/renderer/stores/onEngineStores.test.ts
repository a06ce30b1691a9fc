/**
 * A kept engine's list stores: one per engine and kind, each subscribing with its engine's context name; a
 * not_found end (the engine let go) is final, where any other end is tried again while a view holds it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiErrorShape } from '../../../../contract/apiError';
import type { CollectionEvent } from '../../../../contract/collection';
import type { StreamHandlers } from '../../../../contract/define';
import { perEngine } from '../../../../renderer/stores/onEngineStores';

type Item = { id: string };

/** A watchOn that answers each context with `end` (or a snapshot naming the context); records who asked. */
function watchOn(end?: ApiErrorShape) {
  const asked: string[] = [];
  const subscribe = (context: string, h: StreamHandlers<CollectionEvent<Item>>) => {
    asked.push(context);
    queueMicrotask(() => (end ? h.onEnd?.(end) : h.onEvent({ type: 'snapshot', items: [{ id: `${context}-1` }] })));
    return { unsubscribe: () => undefined };
  };
  return { subscribe, asked };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('perEngine', () => {
  it('makes one store per context name, subscribing with that name', async () => {
    const stream = watchOn();
    const on = perEngine<Item>(stream.subscribe, (i) => i.id);
    expect(on('build')).toBe(on('build'));
    expect(on('build')).not.toBe(on('ci'));
    const release = on('build').getState().retain();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.asked).toEqual(['build']);
    expect([...on('build').getState().items.keys()]).toEqual(['build-1']);
    release();
  });

  it('stops asking once the engine is not connected under that name (not_found)', async () => {
    const stream = watchOn({ code: 'not_found', message: 'No connected engine named build.' });
    const on = perEngine<Item>(stream.subscribe, (i) => i.id);
    const release = on('build').getState().retain();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stream.asked).toEqual(['build']);
    expect(on('build').getState().error).toMatchObject({ code: 'not_found' });
    release();
  });

  it('tries again after any other end while held', async () => {
    const stream = watchOn({ code: 'engine_unreachable', message: 'Docker engine not reachable.' });
    const on = perEngine<Item>(stream.subscribe, (i) => i.id);
    const release = on('build').getState().retain();
    await vi.advanceTimersByTimeAsync(3_100);
    expect(stream.asked.length).toBeGreaterThanOrEqual(2);
    release();
  });
});
