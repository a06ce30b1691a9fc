/**
 * Two engines connected at once: the shared dockerd (the "default" context, in use) and a private dockerd
 * (test/helpers/secondEngine.ts) kept connected beside it as the docker context "second". Containers the
 * docker CLI starts on each appear live under their own engine only; system.engines shows both; stopping
 * the second one shows it unreachable while the first keeps working; letting it go ends its list. Kept
 * again, its images, volumes and networks are live under it alone too, and its containers can be stopped,
 * started and removed through Berth (the actions' `context`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CollectionEvent } from '../../contract/collection';
import { ContainerSummary } from '../../contract/containers';
import type { StreamHandlers, Subscription } from '../../contract/define';
import type { ImageSummary } from '../../contract/images';
import type { NetworkSummary } from '../../contract/networks';
import type { VolumeSummary } from '../../contract/volumes';
import type { ConnectedEngine } from '../../contract/system';
import { createBackend } from '../../main/backend';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { webShell } from '../../main/services';
import { live, type Live } from '../helpers/collection';
import {
  docker,
  eventually,
  FIXTURE_BUSYBOX,
  removeContainers,
  removeImages,
  removeVolumes,
  uniqueName,
} from '../helpers/docker';
import { secondEngineContext } from '../helpers/dockerContext';
import { dockerOn } from '../helpers/engines';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import type { SecondEngine } from '../helpers/secondEngine';

const configDir = mkdtempSync(join(tmpdir(), 'berth-engines-settings-'));
let second: SecondEngine;
let disposeSecond: (() => Promise<void>) | undefined;
let client: InProcessClient;
let dispose: () => void;
const onFirst: string[] = [];
const imagesOnFirst: string[] = [];
const volumesOnFirst: string[] = [];
const networksOnFirst: string[] = [];
let engines: ConnectedEngine[] = [];

const runOn = (host: string, name: string) =>
  dockerOn(host)('run', '-d', '--network', 'none', '--name', name, FIXTURE_BUSYBOX, 'sleep', '600');
const engineNamed = (name: string) => engines.find((e) => e.name === name);

beforeAll(async () => {
  const made = await secondEngineContext();
  second = made.second;
  disposeSecond = made.dispose;
  const env = made.env;
  const backend = createBackend({
    shell: webShell,
    configDir,
    validateOutputs: 'fail',
    engineEnv: { ...defaultEndpointEnv(), env },
  });
  dispose = () => backend.dispose();
  client = connectInProcess(backend);
  client.api.system.engines.subscribe(undefined, { onEvent: (e) => (engines = e.engines) });
}, 180_000);

afterAll(async () => {
  client?.close();
  dispose?.();
  await removeContainers(...onFirst);
  await removeImages(...imagesOnFirst);
  await removeVolumes(...volumesOnFirst);
  for (const n of networksOnFirst) await docker('network', 'rm', n).catch(() => '');
  await disposeSecond?.();
  rmSync(configDir, { recursive: true, force: true });
});

describe('several engines connected at once', () => {
  it('refuses to watch an engine that is not connected, with not_found', async () => {
    const list = live<ContainerSummary>(
      (h) => client.api.containers.watchOn.subscribe({ context: 'second' }, h),
      (c) => c.id,
    );
    await eventually('the stream to end', () => list.ended !== undefined, 30_000);
    expect(list.ended).toMatchObject({ code: 'not_found' });
    await expect(client.api.system.keepContext({ name: 'nowhere', keep: true })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('keeps a second engine connected: both in the state stream, each with its own live containers', async () => {
    const contexts = await client.api.system.keepContext({ name: 'second', keep: true });
    expect(contexts.contexts.find((c) => c.name === 'second')).toMatchObject({ kept: true, inUse: false });
    await eventually(
      'both engines connected',
      () => engineNamed('default')?.status === 'connected' && engineNamed('second')?.status === 'connected',
      180_000,
    ).catch((e: unknown) => {
      console.log(
        '[severalEngines] engines then:',
        JSON.stringify(engines.map(({ name, status, error }) => ({ name, status, error }))),
      );
      throw e;
    });
    expect(engineNamed('default')).toMatchObject({ inUse: true, endpoint: 'unix:///var/run/docker.sock' });
    expect(engineNamed('second')).toMatchObject({ inUse: false, endpoint: second.url, context: 'second' });
    expect(engineNamed('second')?.version).toBeTruthy();

    const first = live<ContainerSummary>(
      (h) => client.api.containers.watchOn.subscribe({ context: 'default' }, h),
      (c) => c.id,
    );
    const other = live<ContainerSummary>(
      (h) => client.api.containers.watchOn.subscribe({ context: 'second' }, h),
      (c) => c.id,
    );
    const a = uniqueName('engines-first');
    const b = uniqueName('engines-second');
    onFirst.push(a);
    const t0 = Date.now();
    await runOn('unix:///var/run/docker.sock', a);
    await runOn(second.url, b);
    console.log(`[severalEngines] docker run on both: ${Date.now() - t0} ms`);
    const named = (l: typeof first, n: string) => [...l.items.values()].find((c) => c.name === n);
    // The shared engine is slow under the other tests' load (`docker ps` can take seconds): generous waits.
    await eventually('each container live under its own engine', () => named(first, a) && named(other, b), 180_000);
    console.log(`[severalEngines] both containers live: ${Date.now() - t0} ms`);
    expect(named(first, b)).toBeUndefined();
    expect(named(other, a)).toBeUndefined();
    // A kept engine's containers cross as summaries too: main keeps their labels, image id, mounts and networks.
    expect(ContainerSummary.strict().safeParse(named(other, b)).error?.issues).toBeUndefined();
    // The engine in use's list is the same one the plain watch serves.
    const plain = live<ContainerSummary>(
      (h) => client.api.containers.watch.subscribe(undefined, h),
      (c) => c.id,
    );
    await eventually('the plain watch has the first container', () => named(plain, a), 120_000);
    expect(named(plain, b)).toBeUndefined();
    plain.sub.unsubscribe();

    // The second engine stops: it shows unreachable, the first keeps working live.
    await second.stop();
    await eventually('the second engine unreachable', () => engineNamed('second')?.status === 'unreachable', 60_000);
    expect(engineNamed('second')?.error).toBeTruthy();
    expect(engineNamed('default')?.status).toBe('connected');
    const c = uniqueName('engines-first-after');
    onFirst.push(c);
    await runOn('unix:///var/run/docker.sock', c);
    await eventually('the first engine still live', () => named(first, c), 180_000);

    // Back again: it reconnects by itself and its list follows.
    await second.start();
    await eventually('the second engine back', () => engineNamed('second')?.status === 'connected', 60_000);
    await dockerOn(second.url)('rm', '-f', b);
    await eventually('the removal seen live on the second engine', () => !named(other, b), 60_000);

    // Let go: its list ends (not_found) and it leaves the state stream.
    await client.api.system.keepContext({ name: 'second', keep: false });
    await eventually('the second list ended', () => other.ended !== undefined, 30_000);
    expect(other.ended).toMatchObject({ code: 'not_found' });
    await eventually('only the engine in use left', () => engines.length === 1 && engines[0]?.name === 'default');
    first.sub.unsubscribe();
  }, 600_000);

  it("shows a kept engine's images, volumes and networks under it alone, and acts on its containers", async () => {
    await client.api.system.keepContext({ name: 'second', keep: true });
    await eventually(
      'the second engine kept and connected',
      () => engineNamed('second')?.status === 'connected',
      180_000,
    );
    const FIRST = 'unix:///var/run/docker.sock';
    type Watch<T> = (input: { context: string }, h: StreamHandlers<CollectionEvent<T>>) => Subscription;
    const both = <T>(watchOn: { subscribe: Watch<T> }, idOf: (i: T) => string) =>
      (['default', 'second'] as const).map((context) => live<T>((h) => watchOn.subscribe({ context }, h), idOf));
    const [imagesFirst, imagesSecond] = both<ImageSummary>(client.api.images.watchOn, (i) => i.id);
    const [volumesFirst, volumesSecond] = both<VolumeSummary>(client.api.volumes.watchOn, (v) => v.name);
    const [networksFirst, networksSecond] = both<NetworkSummary>(client.api.networks.watchOn, (n) => n.id);

    // The docker CLI makes an image tag, a volume and a network on each engine.
    const made = { first: uniqueName('kept-first'), second: uniqueName('kept-second') };
    imagesOnFirst.push(`${made.first}:one`);
    volumesOnFirst.push(made.first);
    networksOnFirst.push(made.first);
    const t0 = Date.now();
    for (const [host, name] of [
      [FIRST, made.first],
      [second.url, made.second],
    ] as const) {
      const cli = dockerOn(host);
      await cli('tag', FIXTURE_BUSYBOX, `${name}:one`);
      await cli('volume', 'create', name);
      await cli('network', 'create', name);
    }
    console.log(`[severalEngines] image, volume and network made on both: ${Date.now() - t0} ms`);
    const tagged = (l: Live<ImageSummary> | undefined, name: string) =>
      [...(l?.items.values() ?? [])].some((i) => i.repoTags.includes(`${name}:one`));
    const named = <T extends { name: string }>(l: Live<T> | undefined, name: string) =>
      [...(l?.items.values() ?? [])].some((x) => x.name === name);
    await eventually(
      'each image, volume and network live under its own engine',
      () =>
        tagged(imagesFirst, made.first) &&
        tagged(imagesSecond, made.second) &&
        named(volumesFirst, made.first) &&
        named(volumesSecond, made.second) &&
        named(networksFirst, made.first) &&
        named(networksSecond, made.second),
      180_000,
    );
    console.log(`[severalEngines] all six live: ${Date.now() - t0} ms`);
    expect(tagged(imagesFirst, made.second)).toBe(false);
    expect(tagged(imagesSecond, made.first)).toBe(false);
    expect(named(volumesFirst, made.second)).toBe(false);
    expect(named(volumesSecond, made.first)).toBe(false);
    expect(named(networksFirst, made.second)).toBe(false);
    expect(named(networksSecond, made.first)).toBe(false);
    // The second engine's lists are its own: the busybox fixture it was given and what was made there.
    expect([...imagesSecond!.items.values()].flatMap((i) => i.repoTags).sort()).toEqual(
      [FIXTURE_BUSYBOX, `${made.second}:one`].sort(),
    );

    // A container on the kept engine: stopped, started and removed through Berth, on that engine only.
    const containers = live<ContainerSummary>(
      (h) => client.api.containers.watchOn.subscribe({ context: 'second' }, h),
      (c) => c.id,
    );
    const name = uniqueName('kept-acted-on');
    await runOn(second.url, name);
    const onSecond = () => [...containers.items.values()].find((c) => c.name === name);
    const { id } = await eventually('the container live on the second engine', () => onSecond(), 120_000);
    const cli = dockerOn(second.url);
    // The engine in use has no such container: without `context` the action goes there, and is refused.
    await expect(client.api.containers.stop({ id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.api.containers.stop({ id, context: 'nowhere' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await cli('inspect', '-f', '{{.State.Running}}', name)).toBe('true');

    await client.api.containers.stop({ id, context: 'second', timeoutSeconds: 1 });
    expect(await cli('inspect', '-f', '{{.State.Running}}', name)).toBe('false');
    await eventually('the stop seen live', () => onSecond()?.state === 'exited', 60_000);
    await client.api.containers.start({ id, context: 'second' });
    expect(await cli('inspect', '-f', '{{.State.Running}}', name)).toBe('true');
    await eventually('the start seen live', () => onSecond()?.state === 'running', 60_000);
    await client.api.containers.restart({ id, context: 'second' });
    expect(await cli('inspect', '-f', '{{.State.Running}}', name)).toBe('true');
    await client.api.containers.remove({ id, context: 'second', force: true });
    await eventually('the removal seen live', () => !onSecond(), 60_000);
    await expect(cli('inspect', name)).rejects.toThrow(/No such/i);

    for (const l of [imagesFirst, imagesSecond, volumesFirst, volumesSecond, networksFirst, networksSecond, containers])
      l?.sub.unsubscribe();
  }, 600_000);
});
