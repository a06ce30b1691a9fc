/**
 * A live list kept from the engine's events: a re-list that fails is tried again, so no change is lost; a
 * list asked on a link that stalled (never answered) holds nobody once the engine reconnects; and with no
 * subscriber left it stays live for 30 s (kept current by events), unless the engine is not connected when
 * the last one leaves or stops being connected after.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EngineState } from '../../../../contract/system';
import type { CollectionEvent } from '../../../../contract/collection';
import type { ListedContainer } from '../../../../main/common/listedContainer';
import type { DockerEvent, EngineConnection } from '../../../../main/engine/connection';
import { LiveCollection } from '../../../../main/engine/liveCollection';
import { WithUsers } from '../../../../main/engine/withUsers';
import { containerSummary } from '../../../helpers/containerSummary';

/**
 * What a collection asks of the connection: its events, its reconnects, its state and whether it is
 * connected now.
 */
function fakeEngine() {
  const emitter = new EventEmitter();
  let status: EngineState['status'] = 'connected';
  const engine = {
    onEvent: (l: (e: DockerEvent) => void) => (emitter.on('event', l), () => emitter.off('event', l)),
    onReconnect: (l: () => void) => (emitter.on('reconnect', l), () => emitter.off('reconnect', l)),
    onState: (l: (s: EngineState) => void) => (emitter.on('state', l), () => emitter.off('state', l)),
    get connected() {
      return status === 'connected';
    },
  };
  return {
    engine: engine as unknown as EngineConnection,
    /** How many listeners the collection has on the connection. */
    listening: () => emitter.eventNames().reduce((n, e) => n + emitter.listenerCount(e), 0),
    state: (next: EngineState['status']) => {
      status = next;
      emitter.emit('state', { status: next, endpoint: 'unix:///x', source: 'default' });
    },
    reconnect: () => emitter.emit('reconnect'),
    event: (id: string) =>
      emitter.emit('event', { Type: 'container', Action: 'start', Actor: { ID: id, Attributes: {} } }),
  };
}

/**
 * The link to the engine as a fault proxy makes it: while it stalls, a call is accepted and never answered,
 * not even once the link passes again (the call guard lets it wait, since the engine then answers pings).
 */
function link<T>(items: T[]) {
  const state = { items, stalled: false, asked: 0 };
  const list = (): Promise<T[]> => {
    state.asked++;
    return state.stalled ? new Promise<T[]>(() => {}) : Promise.resolve(state.items);
  };
  return { state, list };
}

const has = (events: Array<CollectionEvent<{ id: string }>>, id: string) =>
  events.some((e) => e.type !== 'remove' && e.items.some((i) => i.id === id));

describe('LiveCollection', () => {
  it('lists again after a re-list that failed (a cut answer on reconnect), without another event', async () => {
    const { engine, reconnect } = fakeEngine();
    let items = [{ id: 'a' }];
    let failNext = false;
    const collection = new LiveCollection<{ id: string }>(engine, {
      list: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('The Docker engine closed the connection in the middle of its answer.');
        }
        return items;
      },
      idOf: (i) => i.id,
      affected: () => undefined,
    });
    const events: Array<CollectionEvent<{ id: string }>> = [];
    const off = await collection.subscribe((e) => events.push(e));
    expect(events[0]).toMatchObject({ type: 'snapshot', items: [{ id: 'a' }] });

    // Made while the link stalled; the re-list the reconnect asks for is cut.
    items = [{ id: 'a' }, { id: 'b' }];
    failNext = true;
    reconnect();
    await expect.poll(() => has(events, 'b'), { timeout: 10_000 }).toBe(true);
    off();
  });

  it('the containers shared with the volumes: a first list asked while the link stalled holds no later subscriber once the engine reconnects', async () => {
    const { engine, reconnect } = fakeEngine();
    const engineContainers = link<ListedContainer>([]);
    const containers = new LiveCollection<ListedContainer>(engine, {
      list: engineContainers.list,
      idOf: (c) => c.id,
      affected: () => undefined,
    });
    const volumes = new LiveCollection<{ name: string; usedBy?: string[] }>(engine, {
      list: async () => [{ name: 'data' }],
      idOf: (v) => v.name,
      affected: () => undefined,
    });
    const volumesWithUsers = new WithUsers(volumes, containers, {
      idOf: (v) => v.name,
      keysOf: (v) => [v.name],
      usesOf: (c) => c.volumes,
      withUsers: (v, users) => (users ? { ...v, usedBy: users.map((u) => u.name) } : v),
    });

    // The link stalls; the Volumes view asks for its list (and so for the containers', never answered).
    engineContainers.state.stalled = true;
    const volumeEvents: Array<CollectionEvent<{ name: string; usedBy?: string[] }>> = [];
    const offVolumes = await volumesWithUsers.subscribe((e) => volumeEvents.push(e));
    expect(engineContainers.state.asked).toBe(1);

    // A container is made meanwhile; the Containers view is shown; then the link passes and the engine reconnects.
    engineContainers.state.items = [containerSummary({ id: 'made-while-stalled', volumes: ['data'] })];
    const viewEvents: Array<CollectionEvent<{ id: string }>> = [];
    const viewSubscribed = containers.subscribe((e) => viewEvents.push(e));
    engineContainers.state.stalled = false;
    reconnect();

    const offView = await viewSubscribed;
    expect(viewEvents[0]).toMatchObject({ type: 'snapshot', items: [{ id: 'made-while-stalled' }] });
    await expect
      .poll(() => volumeEvents.some((e) => e.type === 'upsert' && e.items.some((v) => v.usedBy?.length === 1)), {
        timeout: 10_000,
      })
      .toBe(true);
    offView();
    offVolumes();
  }, 30_000);

  it('a re-list asked while the link stalled does not hold the one the reconnect asks for', async () => {
    const { engine, reconnect } = fakeEngine();
    const engineList = link([{ id: 'a' }]);
    const collection = new LiveCollection<{ id: string }>(engine, {
      list: engineList.list,
      idOf: (i) => i.id,
      affected: () => undefined,
    });
    const events: Array<CollectionEvent<{ id: string }>> = [];
    const off = await collection.subscribe((e) => events.push(e));

    // The link drops, comes back stalled: the re-list of that reconnect is never answered.
    engineList.state.stalled = true;
    reconnect();
    await expect.poll(() => engineList.state.asked, { timeout: 10_000 }).toBe(2);

    // A container is made; the link passes and the engine reconnects once more.
    engineList.state.items = [{ id: 'a' }, { id: 'b' }];
    engineList.state.stalled = false;
    reconnect();
    await expect.poll(() => has(events, 'b'), { timeout: 10_000 }).toBe(true);
    off();
  }, 30_000);

  it('a fetch asked before a reconnect that answers after it neither applies its answer nor takes the events that came since', async () => {
    const { engine, reconnect, event } = fakeEngine();
    let items = [{ id: 'a' }];
    let stalled = false;
    let answerLate: ((items: Array<{ id: string }>) => void) | undefined;
    const collection = new LiveCollection<{ id: string }>(engine, {
      list: async () => items,
      fetch: (ids) =>
        stalled
          ? new Promise((resolve) => (answerLate = resolve))
          : Promise.resolve(items.filter((i) => ids.includes(i.id))),
      idOf: (i) => i.id,
      affected: (e) => [e.Actor.ID],
      coalesceMs: 100,
    });
    const events: Array<CollectionEvent<{ id: string }>> = [];
    const off = await collection.subscribe((e) => events.push(e));

    // While the link stalls: x's fetch is not answered, z's waits behind it.
    stalled = true;
    items = [{ id: 'a' }, { id: 'x' }, { id: 'z' }];
    event('x');
    await expect.poll(() => answerLate !== undefined, { timeout: 10_000 }).toBe(true);
    event('z');
    await new Promise((r) => setTimeout(r, 300));

    // The engine is back: the reconnect's re-list brings x and z.
    stalled = false;
    reconnect();
    await expect.poll(() => has(events, 'x') && has(events, 'z'), { timeout: 10_000 }).toBe(true);

    // y starts; x's fetch then answers, late and stale (x gone): y still shows, and x stays.
    items = [...items, { id: 'y' }];
    event('y');
    answerLate!([]);
    await expect.poll(() => has(events, 'y'), { timeout: 10_000 }).toBe(true);
    expect(events.some((e) => e.type === 'remove')).toBe(false);
    off();
  }, 30_000);
});

describe('LiveCollection with no subscriber left', () => {
  afterEach(() => void vi.useRealTimers());

  /** A container list whose engine answers from `items`, counting lists and fetches. */
  function containers() {
    vi.useFakeTimers();
    const fake = fakeEngine();
    const asked = { lists: 0, fetches: 0 };
    let items = [{ id: 'a' }];
    const collection = new LiveCollection<{ id: string }>(fake.engine, {
      list: async () => (asked.lists++, items),
      fetch: async (ids) => (asked.fetches++, items.filter((i) => ids.includes(i.id))),
      idOf: (i) => i.id,
      affected: (e) => [e.Actor.ID],
    });
    const watch = async () => {
      const events: Array<CollectionEvent<{ id: string }>> = [];
      const off = await collection.subscribe((e) => events.push(e));
      return { events, off };
    };
    return { ...fake, asked, collection, watch, set: (next: Array<{ id: string }>) => (items = next) };
  }

  it('stays live 30 s: a page back within them gets the list from the cache, with what happened meanwhile', async () => {
    const { asked, watch, set, event } = containers();
    (await watch()).off();

    // A container starts while no page watches: the list still follows the engine's events.
    set([{ id: 'a' }, { id: 'b' }]);
    event('b');
    await vi.advanceTimersByTimeAsync(29_000);
    expect(asked).toEqual({ lists: 1, fetches: 1 });

    const again = await watch();
    expect(again.events).toEqual([{ type: 'snapshot', items: [{ id: 'a' }, { id: 'b' }] }]);
    expect(asked.lists).toBe(1);
    again.off();
  });

  it('stops 30 s after the last page left: no more listening, and the next page lists afresh', async () => {
    const { asked, watch, listening } = containers();
    (await watch()).off();
    expect(listening()).toBe(3);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(listening()).toBe(0);

    const again = await watch();
    expect(asked.lists).toBe(2);
    again.off();
  });

  it('stops at once when the engine stops being connected (a switch, a dropped link), not for those watching', async () => {
    const { asked, watch, listening, state } = containers();
    const watching = await watch();
    state('connecting');
    expect(listening()).toBe(3); // a page still watches: it gets the re-list of the reconnect
    state('connected');
    watching.off();
    expect(listening()).toBe(3); // lingering
    state('connecting');
    expect(listening()).toBe(0);

    const again = await watch();
    expect(again.events).toEqual([{ type: 'snapshot', items: [{ id: 'a' }] }]);
    expect(asked.lists).toBe(2);
    again.off();
  });

  it('does not linger when its last page leaves while the engine is not connected (its cache may be stale)', async () => {
    const { asked, watch, listening, state, set } = containers();
    const watching = await watch();
    // The link drops; no other state comes while the page leaves and another opens.
    state('connecting');
    watching.off();
    expect(listening()).toBe(0);

    // Back, with a container made meanwhile: the next page lists afresh, not from the old cache.
    set([{ id: 'a' }, { id: 'b' }]);
    state('connected');
    const again = await watch();
    expect(again.events).toEqual([{ type: 'snapshot', items: [{ id: 'a' }, { id: 'b' }] }]);
    expect(asked.lists).toBe(2);
    again.off();
    expect(listening()).toBe(3); // connected again: it lingers
  });

  it('a closed list (its kept engine let go) stops when its last page leaves', async () => {
    const { watch, listening, collection } = containers();
    const watching = await watch();
    collection.close();
    expect(listening()).toBe(3);
    watching.off();
    expect(listening()).toBe(0);
  });
});

describe('LiveCollection in a burst of events that each ask for a whole re-list', () => {
  afterEach(() => void vi.useRealTimers());

  it('lists no sooner than twice the last list’s cost after it (a slow list of 10,000 tags), and ends with every change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    const { engine, event } = fakeEngine();
    let items = [{ id: 't0' }];
    let lists = 0;
    const collection = new LiveCollection<{ id: string }>(engine, {
      // Each list costs the engine 300 ms.
      list: () => (lists++, new Promise((resolve) => setTimeout(() => resolve(items), 300))),
      idOf: (i) => i.id,
      affected: () => 'all',
      coalesceMs: 100,
    });
    const events: Array<CollectionEvent<{ id: string }>> = [];
    const subscribed = collection.subscribe((e) => events.push(e));
    await vi.advanceTimersByTimeAsync(300);
    const off = await subscribed;
    lists = 0;
    // A script tags an image every 20 ms for 3 s.
    for (let i = 1; i <= 150; i++) {
      items = [...items, { id: `t${i}` }];
      event(`t${i}`);
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(2_000);
    // Back to back (each list, then 100 ms of gathering) makes 11 lists; paced, one per ~900 ms: 5.
    expect(lists).toBeGreaterThanOrEqual(3);
    expect(lists).toBeLessThanOrEqual(7);
    const seen = new Set(events.flatMap((e) => (e.type === 'remove' ? [] : e.items.map((i) => i.id))));
    expect(seen.size).toBe(151);

    off();
  });

  it('a reconnect forgets the pace of the link before: the re-list it asks for goes after the gathering time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'performance'] });
    const { engine, event, reconnect } = fakeEngine();
    let lists = 0;
    const collection = new LiveCollection<{ id: string }>(engine, {
      list: () => (lists++, new Promise((resolve) => setTimeout(() => resolve([{ id: 'a' }]), 300))),
      idOf: (i) => i.id,
      affected: () => 'all',
      coalesceMs: 100,
    });
    const subscribed = collection.subscribe(() => {});
    await vi.advanceTimersByTimeAsync(300);
    const off = await subscribed;
    event('a'); // a re-list at 100 ms, answered at 400 ms: the next would wait until 1,000 ms
    await vi.advanceTimersByTimeAsync(400);
    lists = 0;
    reconnect(); // a re-list after the gathering time
    await vi.advanceTimersByTimeAsync(110);
    expect(lists).toBe(1);
    off();
  });
});
