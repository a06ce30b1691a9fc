/**
 * Berth on Podman's Docker-compatible API (Debian's podman, `podman system service` on a unix socket, see
 * test/helpers/podmanService.ts): the engine state says it is Podman, and containers (live list, run, logs,
 * exec, stats), images, volumes and networks work through the same calls as on Docker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary, LogLine, StatsSample } from '../../contract/containers';
import type { EngineState } from '../../contract/system';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { sessionLineWith } from '../helpers/logSession';
import { live } from '../helpers/collection';
import { startPodmanService, type PodmanService } from '../helpers/podmanService';

let podman: PodmanService;
let t: TestBackend;
const states: EngineState[] = [];

beforeAll(async () => {
  podman = await startPodmanService();
  t = startTestBackend(podman.url);
  t.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s) });
  await eventually('connected to podman', () => states[states.length - 1]?.status === 'connected', 60_000);
}, 180_000);

afterAll(async () => {
  t?.close();
  await podman?.stop();
});

describe('Podman through its Docker-compatible API', () => {
  it('connects and says it is Podman', () => {
    const state = states[states.length - 1];
    expect(state?.status).toBe('connected');
    expect(state?.engine).toBe('podman');
    expect(state?.version).toMatch(/^\d+\.\d+/);
  });

  it('lists the image loaded into podman', async () => {
    const images = await t.api.images.list();
    const busybox = images.find((i) => i.repoTags.some((tag) => tag.endsWith('berth-fixture/busybox:latest')));
    expect(busybox).toBeDefined();
    expect(busybox?.size).toBeGreaterThan(0);
  });

  it('runs a container that appears live, with logs, exec and stats', async () => {
    const containers = live<ContainerSummary>(
      (h) => t.api.containers.watch.subscribe(undefined, h),
      (c) => c.id,
    );
    const run = await t.api.containers.run({
      image: FIXTURE_BUSYBOX,
      name: `berth-test-remote-podman-${process.pid}`,
      command: ['sh', '-c', 'echo hello-from-podman; while true; do sleep 1; done'],
    });
    await eventually(
      'the container running in the live list',
      () => [...containers.items.values()].find((c) => c.id === run.id && c.state === 'running'),
      30_000,
    );

    const lines: LogLine[] = [];
    const logs = t.api.containers.logs.subscribe(
      { id: run.id, follow: true, tail: 'all' },
      { onEvent: (e) => lines.push(...e.lines) },
    );
    await eventually('the log line', () => lines.some((l) => l.text === 'hello-from-podman'), 30_000);
    logs.unsubscribe();
    // The Logs tab's log session, from Podman's API.
    await sessionLineWith(t.api, run.id, 'hello-from-podman', 30_000);

    const output: string[] = [];
    const term = t.api.containers.terminal.subscribe(
      { id: run.id, command: ['sh', '-c', 'echo exec-$((6*7))'], cols: 80, rows: 24 },
      { onEvent: (e) => (e.type === 'output' ? output.push(e.data) : undefined) },
    );
    await eventually('exec output', () => output.join('').includes('exec-42'), 30_000);
    term.unsubscribe();

    const samples: StatsSample[] = [];
    const stats = t.api.containers.stats.subscribe({ id: run.id }, { onEvent: (s) => samples.push(s) });
    await eventually('two stats samples', () => samples.length >= 2, 30_000);
    expect(samples[1]?.memoryUsage).toBeGreaterThan(0);
    stats.unsubscribe();

    await t.api.containers.remove({ id: run.id, force: true });
    await eventually('the container gone from the live list', () => !containers.items.has(run.id), 30_000);
    containers.sub.unsubscribe();
  });

  it('creates, lists and removes a volume', async () => {
    const name = `berth-test-remote-podman-vol-${process.pid}`;
    const created = await t.api.volumes.create({ name });
    expect(created.name).toBe(name);
    expect((await t.api.volumes.list()).some((v) => v.name === name)).toBe(true);
    await t.api.volumes.remove({ name });
    expect((await t.api.volumes.list()).some((v) => v.name === name)).toBe(false);
  });

  it('lists networks (the default one as "bridge") and creates one', async () => {
    const networks = await t.api.networks.list();
    // Podman's own default network is "podman"; its Docker API names it "bridge", as Docker's.
    expect(networks.some((n) => n.name === 'bridge')).toBe(true);
    const name = `berth-test-remote-podman-net-${process.pid}`;
    const created = await t.api.networks.create({ name });
    expect((await t.api.networks.list()).some((n) => n.id === created.id)).toBe(true);
    await t.api.networks.remove({ id: created.id });
  });
});
