/**
 * A call about one connected engine goes to that engine: its live list of the kind asked for, and its API
 * client for actions; the engine in use answers to its own name (or no name); any other name is not_found,
 * and a list ends with not_found once its engine is let go.
 */
import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import type { CollectionEvent } from '../../../../contract/collection';
import type { StreamSink } from '../../../../contract/define';
import { ApiError } from '../../../../contract/errors';
import type { CollectionListener, LiveList } from '../../../../main/common/sharedCollection';
import type { EngineLists } from '../../../../main/engine/engineCollections';
import { EnginePool } from '../../../../main/engine/enginePool';
import { dockerOn, watchOnEngine } from '../../../../main/engine/onEngine';
import type { Services } from '../../../../main/services';

/** A list that sends a snapshot of `items` to each subscriber and counts who is subscribed. */
function list<T>(items: T[]) {
  const listeners = new Set<CollectionListener<T>>();
  const l: LiveList<T> & { listeners: typeof listeners } = {
    listeners,
    subscribe: async (listener) => {
      listeners.add(listener);
      listener({ type: 'snapshot', items });
      return () => listeners.delete(listener);
    },
  };
  return l;
}

const lists = (tag: string) => ({
  containers: list([{ id: `${tag}-container` }]),
  images: list([{ id: `${tag}-image` }]),
  volumes: list([{ name: `${tag}-volume` }]),
  networks: list([{ id: `${tag}-network` }]),
});

const client = (tag: string) => ({ tag }) as unknown as Docker;

function setup() {
  const inUse = lists('laptop');
  const engine = {
    endpoint: { url: 'unix:///var/run/docker.sock', source: 'default socket' },
    docker: client('laptop'),
    onState: () => () => {},
  };
  const kept = new Map<string, ReturnType<typeof lists>>();
  const pool = new EnginePool({
    open: (name) => {
      const own = lists(name);
      kept.set(name, own);
      return {
        name,
        connection: {
          current: { status: 'connected', endpoint: name, source: name },
          onState: () => () => {},
          dispose() {},
        },
        docker: client(name),
        lists: own as unknown as EngineLists,
      };
    },
    exists: () => true,
  });
  pool.sync(['build'], 'default');
  const services = { engine, collections: inUse, enginePool: pool } as unknown as Pick<
    Services,
    'engine' | 'collections' | 'enginePool'
  >;
  return { services, pool, inUse, kept };
}

function sink<T>() {
  const s = {
    events: [] as Array<CollectionEvent<T>>,
    failed: undefined as unknown,
    next: (e: CollectionEvent<T>) => void s.events.push(e),
    fail: (e: unknown) => void (s.failed = e),
    end: () => {},
  };
  return s satisfies StreamSink<CollectionEvent<T>>;
}

describe('dockerOn', () => {
  it("is the engine in use's client without a name or by its name, a kept engine's by its name", () => {
    const { services } = setup();
    expect(dockerOn(services)).toMatchObject({ tag: 'laptop' });
    expect(dockerOn(services, 'default')).toMatchObject({ tag: 'laptop' });
    expect(dockerOn(services, 'build')).toMatchObject({ tag: 'build' });
  });

  it('refuses a name no engine is connected under, saying how to keep it', () => {
    const { services, pool } = setup();
    expect(() => dockerOn(services, 'ci')).toThrow(ApiError);
    expect(() => dockerOn(services, 'ci')).toThrow(expect.objectContaining({ code: 'not_found' }));
    pool.sync([], 'default');
    expect(() => dockerOn(services, 'build')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('watchOnEngine', () => {
  it.each(['containers', 'images', 'volumes', 'networks'] as const)(
    "serves the %s of the engine named: the kept one's own list, or the shared one in use",
    async (kind) => {
      const { services, inUse, kept } = setup();
      const onKept = sink();
      const onInUse = sink();
      const stop = new AbortController();
      await watchOnEngine(services, kind, 'build', onKept, stop.signal, (i) => i);
      await watchOnEngine(services, kind, 'default', onInUse, stop.signal, (i) => i);
      const first = (s: ReturnType<typeof sink>) => JSON.stringify(s.events[0]);
      expect(first(onKept)).toContain('build-');
      expect(first(onInUse)).toContain('laptop-');
      expect(kept.get('build')![kind].listeners.size).toBe(1);
      expect(inUse[kind].listeners.size).toBe(1);
      stop.abort();
      expect(kept.get('build')![kind].listeners.size).toBe(0);
      expect(inUse[kind].listeners.size).toBe(0);
    },
  );

  it('ends with not_found when the kept engine is let go, and unsubscribes', async () => {
    const { services, pool, kept } = setup();
    const s = sink();
    await watchOnEngine(services, 'images', 'build', s, new AbortController().signal, (i) => i);
    const images = kept.get('build')!.images;
    expect(images.listeners.size).toBe(1);
    pool.sync([], 'default');
    expect(s.failed).toMatchObject({ code: 'not_found' });
    expect(images.listeners.size).toBe(0);
  });

  it('refuses a name no engine is connected under', async () => {
    const { services } = setup();
    await expect(
      watchOnEngine(services, 'volumes', 'ci', sink(), new AbortController().signal, (i) => i),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
