/**
 * The same Berth on Engine 20.10 (API 1.41, classic image store) and Engine 29 (API 1.56, containerd image
 * store): live lists fed by events (29 sends no legacy status/id/from keys), images (29: manifest-digest
 * ids, platforms, attestations, where an image came from), volumes, networks, and disk usage with prune.
 * Everything made here carries a unique name or label, and prunes are limited to it — except build
 * cache, which is pruned on the modern engine only.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../contract/containers';
import type { ApiError } from '../../contract/errors';
import type { ImageSummary } from '../../contract/images';
import type { NetworkSummary } from '../../contract/networks';
import type { VolumeSummary } from '../../contract/volumes';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { mirror } from '../helpers/collection';
import { eventually, FIXTURE_BUSYBOX, removeFolders, tempFolder, uniqueName } from '../helpers/docker';
import { dockerOn, ENGINES, modernEngineHost, useTempDockerConfig } from '../helpers/engines';

const dirs: string[] = [];
let config: ReturnType<typeof useTempDockerConfig>;
beforeAll(() => {
  config = useTempDockerConfig();
});
afterAll(() => {
  config.dispose();
  removeFolders(dirs);
});

describe.each(ENGINES)('$name', ({ name: engineName, host: hostOf }) => {
  const modern = engineName === 'Engine 29';
  let t: TestBackend;
  let docker: (...args: string[]) => Promise<string>;
  const label = `berth.test.parity=${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const made = {
    containers: [] as string[],
    images: [] as string[],
    volumes: [] as string[],
    networks: [] as string[],
  };

  beforeAll(async () => {
    const host = await hostOf();
    docker = dockerOn(host);
    t = startTestBackend(host);
    await eventually('engine connected', () => t.backend.services.engine.connected);
  });
  afterAll(async () => {
    t?.close();
    for (const c of made.containers) await docker('rm', '-f', '-v', c).catch(() => '');
    for (const i of made.images) await docker('rmi', '-f', i).catch(() => '');
    for (const v of made.volumes) await docker('volume', 'rm', '-f', v).catch(() => '');
    for (const n of made.networks) await docker('network', 'rm', n).catch(() => '');
  });

  it('keeps containers and images live from events, and their ids join', async () => {
    const containers = mirror<ContainerSummary>((c) => c.id);
    const images = mirror<ImageSummary>((i) => i.id);
    const subs = [
      t.api.containers.watch.subscribe(undefined, { onEvent: containers.onEvent }),
      t.api.images.watch.subscribe(undefined, { onEvent: images.onEvent }),
    ];
    await eventually('snapshots', () => containers.snapshots() === 1 && images.snapshots() === 1);
    const name = uniqueName('parity');
    made.containers.push(name);
    const id = await docker('run', '-d', '--name', name, '--label', label, FIXTURE_BUSYBOX, 'sleep', '300');
    const running = await eventually('running in the live list', () =>
      containers.items.get(id)?.state === 'running' ? containers.items.get(id) : undefined,
    );
    const image = [...images.items.values()].find((i) => i.repoTags.includes(FIXTURE_BUSYBOX));
    // The container's image id (what main counts an image's users by) names the image as the images list does.
    expect(image?.id).toBe(await docker('inspect', '-f', '{{.Image}}', running.id));
    await eventually('the image counted as used', () => (images.items.get(image?.id ?? '')?.containers ?? 0) >= 1);
    expect(image?.id).toBe(await docker('image', 'inspect', '-f', '{{.Id}}', FIXTURE_BUSYBOX));
    // A tag made in a terminal shows up (29 names the image by digest only in some of its events).
    const tag = `${uniqueName('tagged')}:v1`;
    made.images.push(tag);
    await docker('tag', FIXTURE_BUSYBOX, tag);
    await eventually('the new tag in the live list', () => images.items.get(image?.id ?? '')?.repoTags.includes(tag));
    await docker('rmi', tag);
    await eventually('the tag gone', () => !images.items.get(image?.id ?? '')?.repoTags.includes(tag));
    await docker('stop', '-t', '0', name);
    await eventually('exited', () => containers.items.get(id)?.state === 'exited');
    expect(images.snapshots()).toBe(1);
    subs.forEach((s) => s.unsubscribe());
  });

  it('untags one of several tags; refuses to remove an image a container uses, naming it', async () => {
    // An image of its own (one tag): committed from a container of the fixture.
    const source = uniqueName('source');
    made.containers.push(source);
    await docker('create', '--name', source, FIXTURE_BUSYBOX, 'true');
    const tag = `${uniqueName('removable')}:v1`;
    const second = `${uniqueName('second')}:v1`;
    made.images.push(tag, second);
    await docker('commit', source, tag);
    await docker('tag', tag, second);
    const user = uniqueName('user-of');
    made.containers.push(user);
    await docker('create', '--name', user, tag, 'true');
    // One of two tags: only the tag goes, the container keeps its image.
    expect(await t.api.images.remove({ ref: second })).toEqual({
      untagged: [expect.stringContaining(second.split(':')[0] ?? '?')],
      deleted: [],
    });
    const inUse = await t.api.images.remove({ ref: tag }).catch((e: unknown) => e as ApiError);
    expect(inUse).toMatchObject({ code: 'conflict', message: expect.stringContaining(user) });
    await docker('rm', user);
    const removed = await t.api.images.remove({ ref: tag });
    expect(removed.deleted.length).toBeGreaterThan(0);
    await expect(docker('image', 'inspect', tag)).rejects.toThrow();
  });

  it('inspects an image: config and history; on 29 also its platforms, attestations and origin', async () => {
    const detail = await t.api.images.inspect({ id: FIXTURE_BUSYBOX });
    expect(detail.history.length).toBeGreaterThan(0);
    expect(detail.os).toBe('linux');
    if (!modern) {
      expect(detail.platforms).toBeUndefined();
      expect(detail.origin).toBeUndefined();
      return;
    }
    expect(detail.platforms?.map((p) => p.platform)).toEqual(['linux/amd64']);
    // A two-platform build (no RUN, so no emulator needed) with BuildKit's provenance attestations.
    const dir = tempFolder('berth-multi-', { 'hello.txt': 'hello\n' }, dirs);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
    const tag = `${uniqueName('multi')}:latest`;
    made.images.push(tag);
    await docker('buildx', 'build', '--load', '--platform', 'linux/amd64,linux/arm64', '-t', tag, dir);
    const listed = (await t.api.images.list()).find((i) => i.repoTags.includes(tag));
    expect(listed?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect((listed?.contentSize ?? 0) + (listed?.unpackedSize ?? 0)).toBe(listed?.size);
    const multi = await t.api.images.inspect({ id: tag });
    expect(multi.platforms?.map((p) => p.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(multi.attestations).toBe(2);
    expect(multi.origin).toEqual({ built: true, pulledFrom: [] });
    expect(multi.id).toBe(listed?.id);
  });

  it('volumes and networks: live, with the containers using them', async () => {
    const volumes = mirror<VolumeSummary>((v) => v.name);
    const networks = mirror<NetworkSummary>((n) => n.id);
    const subs = [
      t.api.volumes.watch.subscribe(undefined, { onEvent: volumes.onEvent }),
      t.api.networks.watch.subscribe(undefined, { onEvent: networks.onEvent }),
    ];
    await eventually('snapshots', () => volumes.snapshots() === 1 && networks.snapshots() === 1);
    const volume = uniqueName('vol');
    const network = uniqueName('net');
    made.volumes.push(volume);
    made.networks.push(network);
    await t.api.volumes.create({ name: volume });
    const net = await t.api.networks.create({ name: network });
    const user = uniqueName('user');
    made.containers.push(user);
    await docker('create', '--name', user, '--network', network, '-v', `${volume}:/data`, FIXTURE_BUSYBOX, 'true');
    await eventually('the volume shows its user', () => volumes.items.get(volume)?.usedBy?.[0]?.name === user);
    await docker('start', user);
    await eventually('the network shows its container', () =>
      networks.items.get(net.id)?.containers?.some((c) => c.name === user),
    );
    subs.forEach((s) => s.unsubscribe());
  });

  it('disk usage per type, and prunes exactly what the preview showed', async () => {
    const stopped = uniqueName('stopped');
    made.containers.push(stopped);
    await docker('create', '--name', stopped, '--label', label, FIXTURE_BUSYBOX, 'true');
    const volume = uniqueName('unused');
    made.volumes.push(volume);
    await docker('volume', 'create', volume);

    // The engine runs one disk usage at a time and refuses a second: Berth's callers at once share one.
    const [usage] = await Promise.all([
      t.api.system.diskUsage(),
      t.api.system.prunePreview({ kind: 'volumes', mode: 'all' }),
      t.api.images.prunePreview({ mode: 'dangling' }),
    ]);
    expect(usage.groups.map((g) => g.kind)).toEqual(['images', 'containers', 'volumes', 'buildCache']);
    for (const g of usage.groups) {
      expect(g.total).toBeGreaterThanOrEqual(g.active);
      if (g.size !== null && g.reclaimable !== null) expect(g.reclaimable).toBeLessThanOrEqual(g.size);
    }
    expect(usage.containers.find((c) => c.name === stopped)?.state).toBe('created');
    expect(usage.volumes.find((v) => v.name === volume)).toMatchObject({ refCount: 0, anonymous: false });
    expect(usage.images.find((i) => i.repoTags.includes(FIXTURE_BUSYBOX))?.containers).toBeGreaterThan(0);

    // Containers: only ours, by label.
    const preview = await t.api.system.prunePreview({ kind: 'containers', labels: [label] });
    expect(preview.items.map((i) => i.name).sort()).toEqual(
      [
        stopped,
        ...(
          await docker('ps', '-a', '--filter', `label=${label}`, '--filter', 'status=exited', '--format', '{{.Names}}')
        ).split('\n'),
      ]
        .filter(Boolean)
        .sort(),
    );
    const pruned = await t.api.system.prune({ kind: 'containers', labels: [label] });
    expect(pruned.removed.sort()).toEqual(preview.items.map((i) => i.id).sort());
    await expect(docker('inspect', stopped)).rejects.toThrow();

    // Volumes: a named one is no anonymous volume; with `all` it is offered, and only the named ones go.
    const anonymous = await t.api.system.prunePreview({ kind: 'volumes', mode: 'anonymous' });
    expect(anonymous.items.map((i) => i.name)).not.toContain(volume);
    const all = await t.api.system.prunePreview({ kind: 'volumes', mode: 'all' });
    expect(all.items.map((i) => i.name)).toContain(volume);
    const gone = await t.api.system.prune({ kind: 'volumes', mode: 'all', names: [volume] });
    expect(gone).toMatchObject({ removed: [volume], kept: [] });
    await expect(docker('volume', 'inspect', volume)).rejects.toThrow();
  });
});

// Build cache is pruned on the modern engine only: the shared 20.10 engine's cache is other tests' too.
describe('Engine 29: build cache', () => {
  let t: TestBackend;
  let docker: (...args: string[]) => Promise<string>;
  beforeAll(async () => {
    const host = await modernEngineHost();
    docker = dockerOn(host);
    t = startTestBackend(host);
    await eventually('engine connected', () => t.backend.services.engine.connected);
  });
  afterAll(() => t?.close());

  it('prunes dangling build cache, what the preview named', async () => {
    // Some cache to prune: a build whose result is removed again.
    const dir = tempFolder('berth-cache-', { 'data.txt': uniqueName('cache') }, dirs);
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${FIXTURE_BUSYBOX}\nCOPY data.txt /data.txt\nRUN cat /data.txt\n`);
    const tag = `${uniqueName('cache')}:latest`;
    await docker('buildx', 'build', '--load', '-t', tag, dir);
    await docker('rmi', tag);
    const preview = await t.api.system.prunePreview({ kind: 'buildCache', mode: 'dangling' });
    expect(preview.items.length).toBeGreaterThan(0);
    const result = await t.api.system.prune({ kind: 'buildCache', mode: 'dangling' });
    const previewed = new Set(preview.items.map((i) => i.id));
    expect(result.removed.length).toBeGreaterThan(0);
    expect(result.removed.filter((id) => !previewed.has(id))).toEqual([]);
  });
});
