/** The informer logic: list then watch from its version, resume from the last version, re-list only on 410. */
import { describe, expect, it } from 'vitest';
import type { CollectionEvent } from '../../../../contract/collection';
import { KubeWatch, type KubeObject } from '../../../../main/kube/kubeWatch';

interface Item {
  id: string;
  v: string;
}
type Callback = (phase: string, object: unknown) => void;
interface Call {
  path: string;
  resourceVersion: string;
  send: Callback;
  done(err: unknown): void;
  aborted: boolean;
}

function fakeCluster(initial: Array<[string, string]>, rv = '10') {
  const state = { objects: new Map(initial), rv, lists: 0 };
  const calls: Call[] = [];
  const watcher = {
    watch: async (path: string, query: Record<string, unknown>, cb: Callback, done: (err: unknown) => void) => {
      const call: Call = { path, resourceVersion: String(query.resourceVersion), send: cb, done, aborted: false };
      calls.push(call);
      const controller = new AbortController();
      controller.signal.addEventListener('abort', () => {
        call.aborted = true;
        done(null);
      });
      return controller;
    },
  };
  const spec = {
    path: '/api/v1/pods',
    list: async () => {
      state.lists++;
      return {
        items: [...state.objects].map(([name, v]): KubeObject => ({ metadata: { name, resourceVersion: v } })),
        resourceVersion: state.rv,
      };
    },
    map: (o: KubeObject): Item => ({ id: o.metadata?.name ?? '', v: o.metadata?.resourceVersion ?? '' }),
    idOf: (i: Item) => i.id,
  };
  return { state, calls, watcher, spec };
}

const obj = (name: string, v: string) => ({ metadata: { name, resourceVersion: v } });
const tick = (ms = 40) => new Promise((r) => setTimeout(r, ms));

describe('KubeWatch', () => {
  it('snapshots by list, then watches from the list version and coalesces events', async () => {
    const f = fakeCluster([['a', '5']]);
    const w = new KubeWatch<Item>(f.spec, { watcher: f.watcher, context: 'c', coalesceMs: 10 });
    const events: Array<CollectionEvent<Item>> = [];
    const off = await w.subscribe((e) => events.push(e));
    expect(events).toEqual([{ type: 'snapshot', items: [{ id: 'a', v: '5' }] }]);
    await tick(5);
    expect(f.calls.map((c) => c.resourceVersion)).toEqual(['10']);
    const call = f.calls[0] as Call;
    call.send('ADDED', obj('b', '11'));
    call.send('MODIFIED', obj('b', '12'));
    call.send('ADDED', obj('c', '13'));
    call.send('DELETED', obj('c', '14'));
    call.send('BOOKMARK', obj('', '15'));
    await tick();
    expect(events.slice(1)).toEqual([
      { type: 'upsert', items: [{ id: 'b', v: '12' }] },
      { type: 'remove', ids: ['c'] },
    ]);
    off();
    expect(call.aborted).toBe(true);
  });

  it('re-watches from the last version seen after a dropped watch, without re-listing', async () => {
    const f = fakeCluster([]);
    const w = new KubeWatch<Item>(f.spec, { watcher: f.watcher, context: 'c', coalesceMs: 5 });
    const off = await w.subscribe(() => {});
    await tick(5);
    f.calls[0]?.send('ADDED', obj('a', '21'));
    f.calls[0]?.done(new Error('socket hang up'));
    await tick(400);
    expect(f.calls.map((c) => c.resourceVersion)).toEqual(['10', '21']);
    f.calls[1]?.done(null); // the server ended the watch (timeoutSeconds): at once, same version
    await tick(20);
    expect(f.calls.map((c) => c.resourceVersion)).toEqual(['10', '21', '21']);
    expect(f.state.lists).toBe(1);
    off();
  });

  it('re-lists on 410 Gone and tells subscribers only what changed', async () => {
    const f = fakeCluster([
      ['a', '1'],
      ['b', '2'],
    ]);
    const w = new KubeWatch<Item>(f.spec, { watcher: f.watcher, context: 'c', coalesceMs: 5 });
    const events: Array<CollectionEvent<Item>> = [];
    const off = await w.subscribe((e) => events.push(e));
    await tick(5);
    f.state.objects = new Map([
      ['a', '1'],
      ['c', '30'],
    ]);
    f.state.rv = '30';
    f.calls[0]?.send('ERROR', { kind: 'Status', code: 410, reason: 'Expired' });
    await tick(60);
    expect(f.state.lists).toBe(2);
    expect(events.slice(1)).toEqual([
      { type: 'upsert', items: [{ id: 'c', v: '30' }] },
      { type: 'remove', ids: ['b'] },
    ]);
    expect(f.calls.at(-1)?.resourceVersion).toBe('30');
    off();
  });

  it('fails the subscription with cluster_unreachable when the first list cannot reach the cluster', async () => {
    const f = fakeCluster([]);
    const spec = {
      ...f.spec,
      list: async () => {
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      },
    };
    const w = new KubeWatch<Item>(spec, { watcher: f.watcher, context: 'gone', server: 'https://127.0.0.1:1' });
    await expect(w.subscribe(() => {})).rejects.toMatchObject({ code: 'cluster_unreachable' });
    expect(w.subscribers).toBe(0);
  });

  it('tells its owner when the server refuses the credential, on the list and on a watch', async () => {
    const f = fakeCluster([]);
    let refused = 0;
    const list = f.spec.list;
    const unauthorized = Object.assign(new Error('Unauthorized'), { statusCode: 401 });
    f.spec.list = async () => {
      if (f.state.lists++ === 0) throw unauthorized;
      return list();
    };
    const w = new KubeWatch<Item>(f.spec, {
      watcher: f.watcher,
      context: 'c',
      coalesceMs: 5,
      onUnauthorized: () => refused++,
    });
    await expect(w.subscribe(() => {})).rejects.toMatchObject({ message: expect.stringContaining('Not authorised') });
    expect(refused).toBe(1);
    const off = await w.subscribe(() => {});
    await tick(5);
    (f.calls[0] as Call).done(unauthorized);
    expect(refused).toBe(2);
    off();
  });
});
