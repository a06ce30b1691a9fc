/** The engine going away and coming back, on a private second dockerd so no other test is disturbed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../contract/errors';
import type { ContainerSummary } from '../../contract/containers';
import type { EngineState } from '../../contract/system';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { mirror } from '../helpers/collection';
import { docker, eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { runTicking, secondEngine, type SecondEngine } from '../helpers/secondEngine';

let engine: SecondEngine;
let t: TestBackend;
const states: EngineState['status'][] = [];

beforeAll(async () => {
  engine = secondEngine();
  await engine.start();
  // The fixture image, copied into the private engine.
  await docker('save', '-o', `${engine.socket}.tar`, FIXTURE_BUSYBOX);
  await docker('-H', engine.url, 'load', '-i', `${engine.socket}.tar`);
  t = startTestBackend(engine.url);
  t.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s.status) });
});
afterAll(async () => {
  t?.close();
  await engine?.dispose();
});

describe('the engine stops and starts again', () => {
  it('fault: the engine stops and starts again — reports unreachable with a hint, fails calls and streams clearly, then reconnects and resumes the live list', async () => {
    await eventually('connected', () => t.backend.services.engine.connected);
    const live = mirror<ContainerSummary>((c) => c.id);
    const { items } = live;
    t.api.containers.watch.subscribe(undefined, { onEvent: live.onEvent });
    await eventually('snapshot', () => live.snapshots() === 1);
    const id = await runTicking(engine);
    await eventually('the container in the list', () => items.get(id)?.state === 'running');

    // A log stream is open when the engine goes away mid-action.
    let logEnd: { error?: { code: string; message: string } } | undefined;
    let lines = 0;
    t.api.containers.logs.subscribe(
      { id, follow: true, tail: 0, timestamps: false },
      { onEvent: (e) => (lines += e.lines.length), onEnd: (error) => (logEnd = { error }) },
    );
    await eventually('log lines', () => lines > 0);

    await engine.stop();
    const down = await eventually('unreachable', () =>
      t.backend.services.engine.current.status === 'unreachable' ? t.backend.services.engine.current : undefined,
    );
    expect(down.hint).toMatch(/Start the Docker engine/);
    await eventually('the log stream to end', () => logEnd);
    const err = (await t.api.containers.start({ id }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('engine_unreachable');
    expect(items.has(id)).toBe(true); // what the user saw is kept, not wiped

    await engine.start();
    await eventually('reconnected', () => t.backend.services.engine.connected, 30_000);
    // The container died with the engine; the live list follows without anyone re-subscribing.
    await eventually(
      'the list to show the restarted engine',
      () => items.has(id) && items.get(id)?.state !== 'running',
      15_000,
    );
    const id2 = await docker('-H', engine.url, 'create', '--network', 'none', FIXTURE_BUSYBOX, 'true');
    await eventually('a new container after the reconnect', () => items.has(id2), 10_000);
    expect(states).toContain('unreachable');
    expect(states.at(-1)).toBe('connected');
  });
});
