/**
 * A slow and half-broken engine: Berth talks to a private engine (its own dockerd, so other tests' load does
 * not count) through a fault proxy on a unix socket (test/helpers/faultProxy.ts) that delays every chunk, cuts answers in the middle of their body, resets
 * connections, or accepts them and never answers. For each: the call ends with engine_unreachable and a hint
 * (not a hang, not a crash), and once the link passes again Berth reconnects and the live list resumes
 * without anyone subscribing again. Tests named "fault: …" are counted in the run's fault summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerSummary } from '../../contract/containers';
import type { LogSessionEvent, LogSessionState } from '../../contract/logs';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { live, type Live } from '../helpers/collection';
import { docker, eventually, FIXTURE_BUSYBOX, uniqueName } from '../helpers/docker';
import { runTicking, secondEngine, type SecondEngine } from '../helpers/secondEngine';
import { apiError } from '../helpers/errors';
import { startFaultProxy, type FaultProxy } from '../helpers/faultProxy';

const dir = mkdtempSync(join(tmpdir(), 'berth-slow-engine-'));
const names: string[] = [];
let engine: SecondEngine;
let proxy: FaultProxy;
let t: TestBackend;
let list: Live<ContainerSummary>;

/** Creates a container on the engine directly (not through the proxy) and returns its id. */
const create = async () => {
  const name = uniqueName('faults-slow');
  names.push(name);
  return docker('-H', engine.url, 'create', '--network', 'none', '--name', name, FIXTURE_BUSYBOX);
};
const connected = () =>
  eventually('Berth connected through the proxy', () => t.backend.services.engine.connected, 90_000);

beforeAll(async () => {
  engine = secondEngine();
  await engine.start();
  await engine.loadImage(FIXTURE_BUSYBOX);
  proxy = await startFaultProxy({ socketPath: engine.socket }, join(dir, 'engine.sock'));
  t = startTestBackend(proxy.address);
  await connected();
  list = live<ContainerSummary>(
    (h) => t.api.containers.watch.subscribe(undefined, h),
    (c) => c.id,
  );
  await eventually('the first snapshot', () => list.events.length > 0, 60_000);
}, 120_000);

afterAll(async () => {
  list?.sub.unsubscribe();
  t?.close();
  await proxy?.close();
  await engine?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a slow and half-broken link to the engine', () => {
  it('fault: every chunk from and to the engine delayed — calls are slower but answer, and the live list follows', async () => {
    const id = await create();
    proxy.set({ mode: 'delay', ms: 100 });
    try {
      const listed = await t.api.containers.list({ all: true });
      expect(listed.map((c) => c.id)).toContain(id);
      await eventually('the new container in the live list', () => list.items.has(id), 60_000);
      expect(t.backend.services.engine.current.status).toBe('connected');
    } finally {
      proxy.set({ mode: 'pass' });
    }
  }, 120_000);

  it('fault: engine answers cut in the middle of their body — the call fails with engine_unreachable and a hint, then works again', async () => {
    proxy.set({ mode: 'truncate', bytes: 600 });
    const err = await apiError(t.api.containers.list({ all: true }));
    proxy.set({ mode: 'pass' });
    expect(proxy.counts.truncated).toBeGreaterThan(0);
    expect(err.code).toBe('engine_unreachable');
    expect(err.message).toMatch(/middle of its answer/);
    expect(err.hint).toBeTruthy();
    await connected();
    const id = await create();
    await eventually('the live list to follow again', () => list.items.has(id), 60_000);
    expect((await t.api.containers.list({ all: true })).map((c) => c.id)).toContain(id);
  }, 180_000);

  it('fault: engine connections reset — the call fails with engine_unreachable and a hint, then works again', async () => {
    proxy.set({ mode: 'reset' });
    const err = await apiError(t.api.containers.inspect({ id: names[0]! }));
    proxy.set({ mode: 'pass' });
    expect(proxy.counts.reset).toBeGreaterThan(0);
    expect(err.code).toBe('engine_unreachable');
    expect(err.hint).toBeTruthy();
    await connected();
    expect((await t.api.containers.inspect({ id: names[0]! })).Name).toBe(`/${names[0]}`);
  }, 180_000);

  it('fault: the link drops while a log session follows a running container — the session says the log was cut, not that it ended, and how to go on', async () => {
    await connected();
    const name = uniqueName('faults-cut-log');
    names.push(name);
    const id = await runTicking(engine, name);
    let state: LogSessionState | undefined;
    const sub = t.api.containers.logSession.subscribe(
      { id },
      { onEvent: (e: LogSessionEvent) => (e.type === 'state' ? (state = e) : undefined) },
    );
    try {
      await eventually('the session following a few lines', () => state?.following && state.lines >= 3, 60_000);
      expect(proxy.cut()).toBeGreaterThan(0);
      const after = await eventually(
        'the session to stop following',
        () => (state?.following ? undefined : state),
        60_000,
      );
      expect(after.error?.code, after.error?.message).toBe('engine_unreachable');
      expect(after.error?.message).toMatch(/middle of its answer/);
      expect(after.error?.hint).toBeTruthy();
    } finally {
      sub.unsubscribe();
    }
    await connected();
  }, 180_000);

  it('fault: the engine accepts connections and never answers — the call fails within the deadline, the status says unreachable, and the live list resumes by itself', async () => {
    await connected();
    const states: string[] = [];
    const off = t.backend.services.engine.onState((s) => states.push(s.status));
    proxy.set({ mode: 'stall' });
    try {
      const err = await apiError(t.api.containers.list({ all: true }));
      expect(err.code).toBe('engine_unreachable');
      expect(err.message).toMatch(/stopped answering/);
      expect(err.hint).toMatch(/restart Docker/);
      expect(proxy.counts.stalled).toBeGreaterThan(0);
      const down = await eventually('the engine shown unreachable', () =>
        t.backend.services.engine.current.status === 'unreachable' ? t.backend.services.engine.current : undefined,
      );
      expect(down.hint).toBeTruthy();
      expect(list.ended).toBeUndefined(); // the live list stays open, showing what it had
    } finally {
      proxy.set({ mode: 'pass' });
    }
    await connected();
    off();
    expect(states).toContain('unreachable');
    const id = await create();
    await eventually('a container made after the stall in the live list', () => list.items.has(id), 60_000);
  }, 240_000);
});
