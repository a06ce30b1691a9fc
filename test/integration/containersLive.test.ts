import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerSummary } from '../../contract/containers';
import { ApiError } from '../../contract/errors';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { mirror } from '../helpers/collection';
import { docker, eventually, FIXTURE_BUSYBOX, removeContainers, uniqueName } from '../helpers/docker';

let t: TestBackend;
const created: string[] = [];

beforeAll(() => {
  t = startTestBackend();
});
afterAll(async () => {
  t.close();
  await removeContainers(...created);
});

describe('containers through the API, on the real engine', () => {
  it('reports the engine as connected with its version', async () => {
    const state = await eventually('engine connected', () =>
      t.backend.services.engine.connected ? t.backend.services.engine.current : undefined,
    );
    expect(state.version).toBe(await docker('version', '--format', '{{.Server.Version}}'));
  });

  it('pushes a container started and removed in a terminal into the live list', async () => {
    const live = mirror<ContainerSummary>((c) => c.id);
    const { items } = live;
    const sub = t.api.containers.watch.subscribe(undefined, { onEvent: live.onEvent });
    await eventually('snapshot', () => live.snapshots() === 1);
    const name = uniqueName('live');
    created.push(name);
    const id = await docker('run', '-d', '--name', name, FIXTURE_BUSYBOX, 'sleep', '300');
    const running = await eventually(
      'container running in the list',
      () => (items.get(id)?.state === 'running' ? items.get(id) : undefined),
      5000,
    );
    expect(running.name).toBe(name);
    expect(running.image).toBe(FIXTURE_BUSYBOX);
    // Only what the UI shows crosses the socket: main keeps the labels, image id, mounts and networks.
    expect(ContainerSummary.strict().safeParse(running).error?.issues).toBeUndefined();
    const listed = (await t.api.containers.list({ all: true })).find((c) => c.id === id);
    expect(ContainerSummary.strict().safeParse(listed).error?.issues).toBeUndefined();
    await docker('stop', '-t', '0', name);
    await eventually('container exited in the list', () => items.get(id)?.state === 'exited', 5000);
    await docker('rm', name);
    await eventually('container gone from the list', () => !items.has(id), 5000);
    expect(live.snapshots()).toBe(1); // changes came as events, not as re-fetched lists
    sub.unsubscribe();
  });

  it('runs lifecycle actions and reports a missing container clearly', async () => {
    const name = uniqueName('actions');
    created.push(name);
    const id = await docker('create', '--name', name, FIXTURE_BUSYBOX, 'sleep', '300');
    await t.api.containers.start({ id });
    expect(await docker('inspect', '-f', '{{.State.Status}}', id)).toBe('running');
    await t.api.containers.pause({ id });
    expect(await docker('inspect', '-f', '{{.State.Status}}', id)).toBe('paused');
    await t.api.containers.unpause({ id });
    await t.api.containers.stop({ id, timeoutSeconds: 0 });
    expect(await docker('inspect', '-f', '{{.State.Status}}', id)).toBe('exited');
    await t.api.containers.remove({ id });
    await expect(docker('inspect', id)).rejects.toThrow();
    const err = await t.api.containers.start({ id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('not_found');
  });

  it('reads usage of several running containers in one call: CPU from the second reading, stopped and gone ones left out', async () => {
    const busy = uniqueName('usage-busy');
    const idle = uniqueName('usage-idle');
    const stopped = uniqueName('usage-stopped');
    created.push(busy, idle, stopped);
    const busyId = await docker('run', '-d', '--name', busy, FIXTURE_BUSYBOX, 'sh', '-c', 'while :; do :; done');
    const idleId = await docker('run', '-d', '--name', idle, FIXTURE_BUSYBOX, 'sleep', '300');
    const stoppedId = await docker('create', '--name', stopped, FIXTURE_BUSYBOX, 'true');
    const ids = [busyId, idleId, stoppedId, 'f'.repeat(64)];
    const first = await t.api.containers.usage({ ids });
    expect(first.map((u) => u.id).sort()).toEqual([busyId, idleId].sort());
    for (const u of first) {
      expect(u.sample.cpuPercent).toBeNull();
      expect(u.sample.memoryUsage).toBeGreaterThan(0);
      expect(u.sample.memoryLimit).toBeGreaterThan(0);
    }
    await new Promise((r) => setTimeout(r, 1500));
    const second = new Map((await t.api.containers.usage({ ids })).map((u) => [u.id, u.sample]));
    // A busy loop keeps most of a core; the machine is shared, so only "clearly busy" is asserted.
    expect(second.get(busyId)?.cpuPercent).toBeGreaterThan(20);
    expect(second.get(idleId)?.cpuPercent).toBeLessThan(5);
    await docker('rm', '-f', busy, idle);
  });

  it('refuses to remove a running container unless forced', async () => {
    const name = uniqueName('running');
    created.push(name);
    const id = await docker('run', '-d', '--name', name, FIXTURE_BUSYBOX, 'sleep', '300');
    const err = (await t.api.containers.remove({ id }).catch((e: unknown) => e)) as ApiError;
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/running/i);
    expect(await docker('inspect', '-f', '{{.State.Status}}', id)).toBe('running');
    await t.api.containers.remove({ id, force: true });
  });

  it('answers malformed and invalid messages with typed errors', async () => {
    expect(await t.raw({ type: 'call', id: 900, method: 'containers.start', input: { id: '' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await t.raw({ type: 'call', id: 901, method: 'containers.kill', input: { id: 'x', signal: 'rm -rf' } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await t.raw({ type: 'call', id: 902 })).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
  });
});

describe('a dead engine', () => {
  it('is reported as unreachable with a hint, and calls fail with engine_unreachable', async () => {
    const dead = startTestBackend('unix:///tmp/berth-no-such-docker.sock');
    try {
      const state = await eventually('unreachable state', () =>
        dead.backend.services.engine.current.status === 'unreachable'
          ? dead.backend.services.engine.current
          : undefined,
      );
      expect(state.hint).toMatch(/Start the Docker engine/);
      const err = (await dead.api.containers.list().catch((e: unknown) => e)) as ApiError;
      expect(err.code).toBe('engine_unreachable');
      expect(err.hint).toBeTruthy();
    } finally {
      dead.close();
    }
  });
});
