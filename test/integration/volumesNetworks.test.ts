import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkSummary } from '../../contract/networks';
import type { VolumeSummary } from '../../contract/volumes';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { docker, eventually, FIXTURE_BUSYBOX, removeContainers, removeVolumes, uniqueName } from '../helpers/docker';
import { apiError } from '../helpers/errors';
import { mirror } from '../helpers/collection';

/** How long a live list may take to follow the engine: generous, the shared engine can be slow to list. */
const LIVE_MS = 60_000;
let t: TestBackend;
const containers: string[] = [];
const volumes: string[] = [];
const networks: string[] = [];

beforeAll(async () => {
  t = startTestBackend();
  await eventually('engine connected', () => t.backend.services.engine.connected, 90_000);
});
afterAll(async () => {
  t.close();
  await removeContainers(...containers);
  await removeVolumes(...volumes);
  for (const n of networks) await docker('network', 'rm', n).catch(() => '');
});

describe('volumes', () => {
  it('creates, lists live with users (one created, then removed), refuses to remove one in use, then removes it', async () => {
    const live = mirror<VolumeSummary>((v) => v.name);
    const sub = t.api.volumes.watch.subscribe(undefined, { onEvent: live.onEvent });
    await eventually('snapshot', () => live.snapshots() === 1, LIVE_MS);
    const name = uniqueName('vol');
    volumes.push(name);
    const created = await t.api.volumes.create({ name, labels: { 'berth.test': '1' } });
    expect(created).toMatchObject({ name, driver: 'local', labels: { 'berth.test': '1' }, usedBy: [] });
    await eventually('volume in the live list', () => live.items.has(name), LIVE_MS);
    expect((await apiError(t.api.volumes.create({ name }))).code).toBe('conflict');

    const user = uniqueName('voluser');
    containers.push(user);
    await docker('create', '--name', user, '-v', `${name}:/data`, FIXTURE_BUSYBOX, 'true');
    await eventually('volume shows its user', () => live.items.get(name)?.usedBy?.[0]?.name === user, LIVE_MS);
    const err = await apiError(t.api.volumes.remove({ name }));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(user);
    expect(await docker('volume', 'inspect', '-f', '{{.Name}}', name)).toBe(name);

    await removeContainers(user);
    await eventually(
      'volume shows no user once it is removed',
      () => live.items.get(name)?.usedBy?.length === 0,
      LIVE_MS,
    );
    await t.api.volumes.remove({ name });
    await expect(docker('volume', 'inspect', name)).rejects.toThrow();
    await eventually('volume gone from the live list', () => !live.items.has(name), LIVE_MS);
    expect(live.snapshots()).toBe(1);
    sub.unsubscribe();
  });

  it('refuses a bad name and a missing volume clearly, and reports sizes', async () => {
    expect((await apiError(t.api.volumes.create({ name: 'bad name/x' }))).code).toBe('invalid_input');
    expect((await apiError(t.api.volumes.remove({ name: uniqueName('missing') }))).code).toBe('not_found');
    const name = uniqueName('sized');
    volumes.push(name);
    await t.api.volumes.create({ name });
    const sizes = await t.api.volumes.sizes();
    expect(sizes[name]).toBe(0);
  });
});

describe('networks', () => {
  it('creates with a subnet, lists live, refuses removal while a container is attached, then removes', async () => {
    const live = mirror<NetworkSummary>((n) => n.id);
    const sub = t.api.networks.watch.subscribe(undefined, { onEvent: live.onEvent });
    await eventually('snapshot', () => live.snapshots() === 1);
    const name = uniqueName('net');
    networks.push(name);
    const octet = 100 + Math.floor(Math.random() * 100);
    const created = await t.api.networks.create({ name, subnet: `10.${octet}.${octet}.0/24`, internal: true });
    expect(created).toMatchObject({ name, driver: 'bridge', internal: true, builtIn: false });
    expect(created.subnets).toEqual([`10.${octet}.${octet}.0/24`]);
    await eventually('network in the live list', () => live.items.has(created.id), LIVE_MS);
    expect((await apiError(t.api.networks.create({ name }))).code).toBe('conflict');

    const user = uniqueName('netuser');
    containers.push(user);
    await docker('create', '--name', user, '--network', name, FIXTURE_BUSYBOX, 'true');
    await eventually(
      'network shows its container',
      () => live.items.get(created.id)?.containers?.[0]?.name === user,
      LIVE_MS,
    );
    const err = await apiError(t.api.networks.remove({ id: created.id }));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(user);

    await removeContainers(user);
    await eventually(
      'network shows no container once it is removed',
      () => live.items.get(created.id)?.containers?.length === 0,
      LIVE_MS,
    );
    await t.api.networks.remove({ id: created.id });
    await expect(docker('network', 'inspect', name)).rejects.toThrow();
    await eventually('network gone from the live list', () => !live.items.has(created.id), LIVE_MS);
    sub.unsubscribe();
  });

  it('refuses to remove the built-in networks', async () => {
    const list = await t.api.networks.list();
    for (const name of ['bridge', 'host', 'none']) {
      const n = list.find((x) => x.name === name);
      expect(n?.builtIn).toBe(true);
      const err = await apiError(t.api.networks.remove({ id: n!.id }));
      expect(err.code).toBe('conflict');
      expect(err.message).toMatch(/built-in/);
    }
    expect((await apiError(t.api.networks.create({ name: 'x', subnet: 'not-a-cidr' }))).code).toBe('invalid_input');
  });
});
