/**
 * Berth against today's Docker: Engine 29 with containerd 2 and the containerd image store, built and
 * started by test/engines/ beside the shared Debian 20.10 engine. The engine comes from
 * BERTH_MODERN_DOCKER_HOST (CI sets it), else this starts it with test/engines/start-modern.sh (which
 * needs the binaries built by test/engines/build.sh and fails saying so when they are not).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../contract/containers';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { mirror } from '../helpers/collection';
import { eventually, FIXTURE_BUSYBOX, uniqueName } from '../helpers/docker';

const exec = promisify(execFile);
let host = '';
let t: TestBackend | undefined;
const created: string[] = [];

/** The docker CLI against the modern engine. */
async function docker29(...args: string[]): Promise<string> {
  const env = { ...process.env, DOCKER_HOST: host };
  const { stdout } = await exec('docker', args, { env, maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim();
}

/** BERTH_MODERN_DOCKER_HOST, or the DOCKER_HOST line start-modern.sh prints last. */
async function modernHost(): Promise<string> {
  const given = process.env.BERTH_MODERN_DOCKER_HOST;
  if (given) return given;
  const env = { ...process.env, BERTH_ENGINES_NO_BUILD: '1' };
  try {
    const { stdout } = await exec('bash', ['test/engines/start-modern.sh'], { env, maxBuffer: 16 * 1024 * 1024 });
    const line = stdout.trim().split('\n').pop() ?? '';
    if (!line.startsWith('DOCKER_HOST=')) throw new Error(`start-modern.sh printed no DOCKER_HOST line: ${line}`);
    return line.slice('DOCKER_HOST='.length);
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr ?? String(e);
    throw new Error(
      'BERTH_MODERN_DOCKER_HOST is not set and the modern engine could not be started. Build it with ' +
        '`bash test/engines/build.sh` (~30 min cold), start it with `sudo bash test/engines/start-modern.sh` ' +
        `and export BERTH_MODERN_DOCKER_HOST from its last line.\n${stderr.split('\n').slice(-15).join('\n')}`,
      { cause: e },
    );
  }
}

beforeAll(async () => {
  host = await modernHost();
  t = startTestBackend(host);
});
afterAll(async () => {
  t?.close();
  for (const name of created) await docker29('rm', '-f', '-v', name).catch(() => '');
});

const backend = (): TestBackend => {
  if (!t) throw new Error('the modern engine did not start (see beforeAll)');
  return t;
};

describe('Berth on Engine 29 (containerd image store)', () => {
  it('connects and reports Engine 29 with its API version', async () => {
    const state = await eventually('engine connected', () =>
      backend().backend.services.engine.connected ? backend().backend.services.engine.current : undefined,
    );
    expect(state.endpoint).toBe(host);
    expect(state.version).toBe(await docker29('version', '--format', '{{.Server.Version}}'));
    expect(state.version).toMatch(/^29\./);
    expect(await docker29('info', '--format', '{{.Driver}}')).toBe('overlayfs'); // the containerd image store
  });

  it('lists the fixture images', async () => {
    const images = await backend().api.images.list();
    const busybox = images.find((i) => i.repoTags.includes(FIXTURE_BUSYBOX));
    expect(busybox?.id).toBe(await docker29('image', 'inspect', '--format', '{{.Id}}', FIXTURE_BUSYBOX));
  });

  it('sees a container started on it appear in the live list, with an image id the image list knows', async () => {
    const live = mirror<ContainerSummary>((c) => c.id);
    const sub = backend().api.containers.watch.subscribe(undefined, { onEvent: live.onEvent });
    await eventually('snapshot', () => live.snapshots() === 1);
    const name = uniqueName('modern');
    created.push(name);
    const id = await docker29('run', '-d', '--name', name, FIXTURE_BUSYBOX, 'sleep', '300');
    const running = await eventually(
      'container running in the live list',
      () => (live.items.get(id)?.state === 'running' ? live.items.get(id) : undefined),
      10_000,
    );
    expect(running.name).toBe(name);
    expect(running.image).toBe(FIXTURE_BUSYBOX);
    const listed = await backend().api.containers.list({ all: true });
    expect(listed.map((c) => c.id)).toContain(id);
    // On the containerd store a container names its image by the manifest digest, as the image's Id is.
    const images = await backend().api.images.list();
    expect(images.map((i) => i.id)).toContain(await docker29('inspect', '-f', '{{.Image}}', id));
    await docker29('rm', '-f', name);
    await eventually('container gone from the live list', () => !live.items.has(id), 10_000);
    sub.unsubscribe();
  });
});
