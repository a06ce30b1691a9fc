import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import type { EngineState } from '../../../../contract/system';
import { EnginePool, type KeptEngine } from '../../../../main/engine/enginePool';

/** A list that serves nothing and says whether it was closed (told not to linger). */
function noList() {
  const list = { closed: false, subscribe: async () => () => {}, close: () => void (list.closed = true) };
  return list;
}

/** A fake connection: its state can be pushed, and it says whether it was closed. */
function fakeEngine(name: string) {
  const listeners = new Set<(s: EngineState) => void>();
  let state: EngineState = { status: 'connecting', endpoint: `ssh://${name}`, source: name, context: name };
  const engine = {
    name,
    disposed: false,
    connection: {
      get current() {
        return state;
      },
      onState(l: (s: EngineState) => void) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      dispose() {
        engine.disposed = true;
      },
    },
    docker: {} as Docker,
    lists: { containers: noList(), images: noList(), volumes: noList(), networks: noList() },
    push(next: Partial<EngineState>) {
      state = { ...state, ...next };
      for (const l of listeners) l(state);
    },
    listeners,
  };
  return engine;
}

function pool(existing = ['default', 'build', 'laptop', 'ci']) {
  const opened: Array<ReturnType<typeof fakeEngine>> = [];
  const p = new EnginePool({
    open: (name): KeptEngine => {
      const e = fakeEngine(name);
      opened.push(e);
      return e;
    },
    exists: (name) => existing.includes(name),
  });
  let changes = 0;
  p.onChange(() => changes++);
  return { p, opened, changes: () => changes };
}

describe('EnginePool', () => {
  it('opens one connection per kept context, in order, and never the one in use', () => {
    const { p, opened } = pool();
    p.sync(['build', 'default', 'ci'], 'default');
    expect(opened.map((e) => e.name)).toEqual(['build', 'ci']);
    expect(p.list().map((e) => e.name)).toEqual(['build', 'ci']);
    expect(p.get('default')).toBeUndefined();
  });

  it('keeps an open connection across syncs and closes only the ones let go', () => {
    const { p, opened } = pool();
    p.sync(['build', 'ci'], 'default');
    const [build, ci] = opened;
    p.sync(['build', 'laptop'], 'default');
    expect(opened.map((e) => e.name)).toEqual(['build', 'ci', 'laptop']);
    expect(build!.disposed).toBe(false);
    expect(ci!.disposed).toBe(true);
    expect(ci!.listeners.size).toBe(0);
    // Its lists with it: none lingers with a cache of an engine let go.
    expect(Object.values(ci!.lists).map((l) => l.closed)).toEqual([true, true, true, true]);
    expect(Object.values(build!.lists).map((l) => l.closed)).toEqual([false, false, false, false]);
    expect(p.get('build')).toBe(build);
  });

  it('closes a kept engine while it is the one in use, and opens it afresh when it no longer is', () => {
    const { p, opened } = pool();
    p.sync(['build'], 'default');
    p.sync(['build'], 'build');
    expect(opened[0]!.disposed).toBe(true);
    expect(p.list()).toEqual([]);
    p.sync(['build'], 'default');
    expect(opened).toHaveLength(2);
    expect(p.get('build')).toBe(opened[1]);
  });

  it('does not connect to a context that no longer exists', () => {
    const { p, opened } = pool(['default']);
    p.sync(['gone'], 'default');
    expect(opened).toEqual([]);
  });

  it('tells listeners when an engine is kept, let go, or its state changes; not when nothing changed', () => {
    const { p, opened, changes } = pool();
    p.sync(['build'], 'default');
    expect(changes()).toBe(1);
    p.sync(['build'], 'default');
    expect(changes()).toBe(1);
    opened[0]!.push({ status: 'unreachable', error: 'gone' });
    expect(changes()).toBe(2);
    expect(p.get('build')?.connection.current.status).toBe('unreachable');
    p.sync([], 'default');
    expect(changes()).toBe(3);
    opened[0]!.push({ status: 'connected' });
    expect(changes()).toBe(3);
  });

  it('closes everything on dispose', () => {
    const { p, opened } = pool();
    p.sync(['build', 'ci'], undefined);
    p.dispose();
    expect(opened.every((e) => e.disposed)).toBe(true);
    expect(p.list()).toEqual([]);
  });
});
