/**
 * The engine connection's retry schedule, on fake timers: the real EngineConnection with its transport made
 * by the test (a dockerode client whose requests a fake engine answers or refuses). While the engine refuses,
 * the pause before each attempt grows — 1, 2, 4, 8, 15, then 30 s for a remote engine; 0.5, 1, 2, 3, then
 * 5 s for one on this machine — no attempt is made before its pause is over, and the state says when the next
 * one comes (retryAt) and since when Berth has been trying (tryingSince). Once connected, the next loss starts
 * again from the shortest pause, and "Retry now" (reconnectNow) tries at once and starts the pauses afresh.
 */
import Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineState } from '../../../../contract/system';
import { EngineConnection } from '../../../../main/engine/connection';
import type { EndpointEnv } from '../../../../main/engine/endpoint';
import type { EngineClient } from '../../../../main/engine/transport/engineClient';

type Callback = (error: unknown, result?: unknown) => void;
type Dial = (options: { path?: string }, callback: Callback) => void;

const env: EndpointEnv = {
  env: {},
  home: '/home/u',
  platform: 'linux',
  exists: () => false,
  readFile: () => undefined,
  listDir: () => [],
};

/** An engine that refuses every request while down, and answers what connecting asks while up. */
class FakeEngine {
  up = false;
  /** Connection attempts: each one opens the event stream first. */
  attempts = 0;
  private readonly streams: PassThrough[] = [];

  /** What EngineConnection makes its transport with. */
  readonly client = (): EngineClient => {
    const docker = new Docker({ socketPath: '/nonexistent' });
    const dial: Dial = (options, callback) => this.answer(options.path ?? '', callback);
    (docker.modem as unknown as { dial: Dial }).dial = dial;
    return { docker, transport: 'tcp', dispose: () => {} };
  };

  private answer(path: string, callback: Callback): void {
    if (path.startsWith('/events')) this.attempts += 1;
    void Promise.resolve().then(() => {
      if (!this.up) {
        callback(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:2375'), { code: 'ECONNREFUSED' }));
      } else if (path.startsWith('/events')) {
        const stream = new PassThrough();
        this.streams.push(stream);
        callback(null, stream);
      } else if (path.startsWith('/version')) {
        callback(null, { Version: '29.0.0', ApiVersion: '1.52', Os: 'linux', Arch: 'amd64' });
      } else if (path.startsWith('/info')) {
        callback(null, { ContainersRunning: 1, ContainersPaused: 0, ContainersStopped: 2 });
      } else if (path.startsWith('/images/json')) {
        callback(null, []);
      } else if (path.startsWith('/_ping')) {
        callback(null, 'OK');
      } else {
        callback(new Error(`the fake engine does not serve ${path}`));
      }
    });
  }

  /** The engine goes away: requests are refused and the open event stream closes. */
  stop(): void {
    this.up = false;
    for (const stream of this.streams.splice(0)) stream.destroy();
  }
}

let fake: FakeEngine;
let connection: EngineConnection | undefined;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  fake = new FakeEngine();
});

afterEach(() => {
  connection?.dispose();
  connection = undefined;
  vi.useRealTimers();
});

const open = async (host: string) => {
  connection = new EngineConnection({ host }, env, fake.client);
  await vi.advanceTimersByTimeAsync(0); // the first attempt, refused
  return connection;
};

/**
 * Follows `count` refused attempts: the pause each state announces, checking that the next attempt comes
 * exactly when its pause is over and not a millisecond before.
 */
async function pauses(c: EngineConnection, count: number): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 0; i < count; i++) {
    const state = c.current;
    expect(state.status).toBe('unreachable');
    expect(state.retryAt).toBeDefined();
    const pause = (state.retryAt ?? 0) - Date.now();
    seen.push(pause);
    const before = fake.attempts;
    await vi.advanceTimersByTimeAsync(pause - 1);
    expect(fake.attempts, `attempt ${i + 2} made before its ${pause} ms pause was over`).toBe(before);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.attempts, `attempt ${i + 2} not made when its pause was over`).toBe(before + 1);
  }
  return seen;
}

describe('engine connection retry schedule', () => {
  it('backs off 1, 2, 4, 8, 15 s to a cap of 30 s for a remote engine that refuses', async () => {
    const started = Date.now();
    const c = await open('tcp://10.0.0.5:2375');
    expect(fake.attempts).toBe(1);
    expect(c.current).toMatchObject({ status: 'unreachable', local: false, tryingSince: started });
    const seen = await pauses(c, 8);
    expect(seen).toEqual([1000, 2000, 4000, 8000, 15_000, 30_000, 30_000, 30_000]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1] ?? 0);
    // Each attempt came when its pause was over, and the state still counts from the first one.
    expect(Date.now() - started).toBe(seen.reduce((a, b) => a + b, 0));
    expect(c.current.tryingSince).toBe(started);
  });

  it('backs off 0.5, 1, 2, 3 s to a cap of 5 s for an engine on this machine', async () => {
    const c = await open('unix:///run/berth-test/nothing-here.sock');
    expect(c.current.local).toBe(true);
    expect(await pauses(c, 7)).toEqual([500, 1000, 2000, 3000, 5000, 5000, 5000]);
  });

  it('starts again from the shortest pause after a success', async () => {
    const c = await open('tcp://10.0.0.5:2375');
    expect(await pauses(c, 5)).toEqual([1000, 2000, 4000, 8000, 15_000]);
    fake.up = true;
    const pause = (c.current.retryAt ?? 0) - Date.now();
    expect(pause).toBe(30_000);
    await vi.advanceTimersByTimeAsync(pause);
    expect(c.current.status).toBe('connected');
    expect(c.current.retryAt).toBeUndefined();
    expect(c.current.tryingSince).toBeUndefined();

    // Connected for a while (a heartbeat ping answered meanwhile), then the engine goes away.
    await vi.advanceTimersByTimeAsync(20_000);
    expect(c.current.status).toBe('connected');
    const lost = Date.now();
    fake.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(c.current).toMatchObject({ status: 'unreachable', tryingSince: lost });
    expect(await pauses(c, 3)).toEqual([1000, 2000, 4000]);
  });

  it('tries at once on "Retry now", then pauses from the shortest again, still counting from the first try', async () => {
    const started = Date.now();
    const c = await open('tcp://10.0.0.5:2375');
    expect(await pauses(c, 6)).toEqual([1000, 2000, 4000, 8000, 15_000, 30_000]);
    const states: EngineState[] = [];
    c.onState((s) => states.push(s));
    const before = fake.attempts;
    c.reconnectNow();
    expect(states[0]).toMatchObject({ status: 'connecting', tryingSince: started });
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.attempts).toBe(before + 1);
    expect(c.current).toMatchObject({ status: 'unreachable', tryingSince: started });
    expect(await pauses(c, 2)).toEqual([1000, 2000]);
  });
});
