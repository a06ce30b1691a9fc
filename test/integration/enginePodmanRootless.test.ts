/**
 * Berth on rootless Podman, found the way a user's Berth finds it: Debian's `podman system service` run by a
 * user without root (`berth-rootless`, see test/helpers/podmanRootless.ts) on its default socket,
 * $XDG_RUNTIME_DIR/podman/podman.sock, and Berth given that user's environment (XDG_RUNTIME_DIR, HOME, no
 * DOCKER_HOST, no docker context) to look for an engine in. This machine's own rootful sockets
 * (/var/run/docker.sock, /run/podman/podman.sock) are hidden from the search, as a machine with only
 * rootless Podman lacks them. Containers (live list, run, logs, exec), images and volumes work through the
 * same calls as on Docker (containers run with network "none" where this machine keeps /dev/net/tun from
 * users, see the helper). Stats cannot work here: a rootless engine measures containers only on cgroup v2,
 * and this host runs cgroup v1, so the test checks that Berth says so instead of showing Podman's zeros —
 * and that on a host with cgroup v2 it shows real samples.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary, LogLine, StatsSample } from '../../contract/containers';
import type { ApiErrorShape } from '../../contract/apiError';
import type { EngineState } from '../../contract/system';
import { createBackend } from '../../main/backend';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { live } from '../helpers/collection';
import { startRootlessPodman, type RootlessPodman } from '../helpers/podmanRootless';

/** The engines of this machine that a machine with only rootless Podman does not have. */
const ROOTFUL_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock', '/run/podman/podman.sock'];

let podman: RootlessPodman;
let client: InProcessClient;
const states: EngineState[] = [];
const last = () => states[states.length - 1];

/** Whether this host mounts cgroup v2 only (the unified hierarchy). */
const cgroupV2 = () => existsSync('/sys/fs/cgroup/cgroup.controllers');

beforeAll(async () => {
  podman = await startRootlessPodman();
  const env: NodeJS.ProcessEnv = {
    HOME: podman.home,
    XDG_RUNTIME_DIR: podman.runtimeDir,
    PATH: process.env.PATH,
  };
  const base = defaultEndpointEnv();
  const backend = createBackend({
    shell: webShell,
    validateOutputs: 'fail',
    configDir: `${podman.home}/.config/Berth`,
    engineEnv: { ...base, env, home: podman.home, exists: (p) => !ROOTFUL_SOCKETS.includes(p) && base.exists(p) },
  });
  client = connectInProcess(backend);
  client.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s) });
  await eventually('connected to rootless podman', () => last()?.status === 'connected', 60_000);
}, 180_000);

afterAll(async () => {
  client?.close();
  await podman?.stop();
});

describe('rootless Podman through its Docker-compatible API', () => {
  it('runs as a user without root, and Berth finds its socket under $XDG_RUNTIME_DIR and says it is Podman', async () => {
    const serviceUid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${podman.pid}/status`, 'utf8'))?.[1];
    expect(Number(serviceUid)).toBe(podman.uid);
    expect(podman.uid).not.toBe(0);
    expect(await podman.podman('info', '--format', '{{.Host.Security.Rootless}}')).toBe('true');
    expect(last()).toMatchObject({
      status: 'connected',
      engine: 'podman',
      endpoint: `unix://${podman.runtimeDir}/podman/podman.sock`,
      source: 'Podman',
      transport: 'unix',
      local: true,
    });
    expect(last()?.version).toMatch(/^\d+\.\d+/);
  });

  it("lists the image loaded into the user's storage", async () => {
    const images = await client.api.images.list();
    const busybox = images.find((i) => i.repoTags.some((tag) => tag.endsWith('berth-fixture/busybox:latest')));
    expect(busybox).toBeDefined();
    expect(busybox?.size).toBeGreaterThan(0);
  });

  it('runs a container that appears live, with logs and exec', async () => {
    const containers = live<ContainerSummary>(
      (h) => client.api.containers.watch.subscribe(undefined, h),
      (c) => c.id,
    );
    const run = await client.api.containers.run({
      image: FIXTURE_BUSYBOX,
      name: `berth-test-rootless-podman-${process.pid}`,
      network: podman.runNetwork,
      command: ['sh', '-c', 'echo hello-from-rootless; while true; do sleep 1; done'],
    });
    await eventually(
      'the container running in the live list',
      () => [...containers.items.values()].find((c) => c.id === run.id && c.state === 'running'),
      30_000,
    );
    // Its processes belong to the user (or the user's subordinate ids), never to root.
    const pid = await podman.podman('inspect', '--format', '{{.State.Pid}}', run.id);
    const hostUid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    expect(Number(hostUid)).toBe(podman.uid);

    const lines: LogLine[] = [];
    const logs = client.api.containers.logs.subscribe(
      { id: run.id, follow: true, tail: 'all' },
      { onEvent: (e) => lines.push(...e.lines) },
    );
    await eventually('the log line', () => lines.some((l) => l.text === 'hello-from-rootless'), 30_000);
    logs.unsubscribe();

    const output: string[] = [];
    const term = client.api.containers.terminal.subscribe(
      { id: run.id, command: ['sh', '-c', 'echo exec-$((6*7)) as $(id -u)'], cols: 80, rows: 24 },
      { onEvent: (e) => (e.type === 'output' ? output.push(e.data) : undefined) },
    );
    // Root inside the container is the user outside it.
    await eventually('exec output', () => output.join('').includes('exec-42 as 0'), 30_000);
    term.unsubscribe();

    await client.api.containers.remove({ id: run.id, force: true });
    await eventually('the container gone from the live list', () => !containers.items.has(run.id), 30_000);
    containers.sub.unsubscribe();
  });

  it(
    cgroupV2()
      ? 'shows live stats of a running container (cgroup v2 host)'
      : 'says stats need cgroup v2 instead of charting zeros (this host runs cgroup v1)',
    async () => {
      const run = await client.api.containers.run({
        image: FIXTURE_BUSYBOX,
        name: `berth-test-rootless-podman-stats-${process.pid}`,
        network: podman.runNetwork,
        command: ['sh', '-c', 'while true; do sleep 1; done'],
      });
      try {
        const samples: StatsSample[] = [];
        let ended: ApiErrorShape | 'ended' | undefined;
        const stats = client.api.containers.stats.subscribe(
          { id: run.id },
          { onEvent: (s) => samples.push(s), onEnd: (e) => (ended = e ?? 'ended') },
        );
        if (cgroupV2()) {
          await eventually('two stats samples', () => samples.length >= 2, 30_000);
          expect(samples[1]?.memoryUsage).toBeGreaterThan(0);
        } else {
          const error = await eventually('the stats stream to end', () => ended, 30_000);
          expect(samples).toEqual([]);
          expect(error).toMatchObject({ code: 'failed' });
          expect(error === 'ended' ? '' : error.message).toMatch(/Podman runs rootless on a host with cgroup v1/);
          expect(error === 'ended' ? '' : error.hint).toMatch(/cgroup v2/);
          // Podman's own CLI refuses the same, for the same reason.
          const cli = await podman.podman('stats', '--no-stream', run.id).then(
            () => 'measured',
            (e: unknown) => String((e as { stderr?: string }).stderr ?? e),
          );
          expect(cli).toMatch(/rootless.*cgroups? v2/);
        }
        stats.unsubscribe();
      } finally {
        await client.api.containers.remove({ id: run.id, force: true });
      }
    },
  );

  it('creates, lists and removes a volume', async () => {
    const name = `berth-test-rootless-podman-vol-${process.pid}`;
    const created = await client.api.volumes.create({ name });
    expect(created.name).toBe(name);
    const listed = (await client.api.volumes.list()).find((v) => v.name === name);
    // The volume lives in the user's own storage, under its HOME.
    expect(listed?.mountpoint.startsWith(podman.home)).toBe(true);
    await client.api.volumes.remove({ name });
    expect((await client.api.volumes.list()).some((v) => v.name === name)).toBe(false);
  });
});
