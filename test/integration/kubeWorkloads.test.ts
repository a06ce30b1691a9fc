/**
 * The kube layer against a real control plane (kube-apiserver, controller-manager, scheduler, kwok nodes):
 * nodes, deploy, scale through the scale subresource seen live through watches, a watch surviving an
 * apiserver restart, apply, delete, and the errors a user sees for bad input and an unreachable cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YAML_BOMB } from '../helpers/hostileYaml';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import {
  deleteNamespaces,
  kubectl,
  restartApiserver,
  testNamespace,
  useKubeCluster,
  type KubeCluster,
} from '../helpers/kubeCluster';
import { live, type Live } from '../helpers/collection';
import { apiError } from '../helpers/errors';
import type { KubePod } from '../../contract/kube';

let cluster: KubeCluster;
let t: TestBackend;
const namespaces: string[] = [];
const IMAGE = 'berth-fixture/busybox:latest';

const target = () => ({ context: cluster.context, kubeconfig: cluster.kubeconfig });
const running = (pods: Live<KubePod>) => [...pods.items.values()].filter((p) => p.display === 'Running');

beforeAll(async () => {
  cluster = await useKubeCluster();
  t = startTestBackend();
}, 40 * 60_000);

afterAll(async () => {
  t?.close();
  await deleteNamespaces(...namespaces);
  await cluster?.stop();
});

describe('kube layer against the local control plane', () => {
  it('lists the kubeconfig context and the server version', async () => {
    const contexts = await t.api.kube.contexts({ kubeconfig: cluster.kubeconfig });
    expect(contexts.map((c) => c.name)).toContain('berth-test');
    expect(contexts.find((c) => c.name === 'berth-test')).toMatchObject({ current: true, kind: false });
    const status = await t.api.kube.status(target());
    expect(status.version).toMatch(/^v1\.\d+/);
  });

  it('lists the 3 kwok nodes, Ready, with capacity', async () => {
    const nodes = live<{ name: string; status: string; capacity: { pods: string } }>(
      (h) => t.api.kube.nodes.subscribe(target(), h),
      (n) => n.name,
    );
    await eventually('3 nodes', () => nodes.items.size === 3);
    const list = [...nodes.items.values()];
    expect(list.map((n) => n.name).sort()).toEqual(['kwok-node-0', 'kwok-node-1', 'kwok-node-2']);
    expect(list.every((n) => n.status === 'Ready' && n.capacity.pods === '110')).toBe(true);
    expect(await kubectl('get', 'nodes', '-l', 'type=kwok', '-o', 'name')).toContain('kwok-node-2');
    nodes.sub.unsubscribe();
  });

  it('fault: the API server restarts between scales — deploys, scales to 5 and to 2 through the scale subresource, watched live; the watch survives the restart', async () => {
    const ns = testNamespace();
    namespaces.push(ns);
    const pods = live<KubePod>(
      (h) => t.api.kube.pods.subscribe({ ...target(), namespace: ns }, h),
      (p) => p.id,
    );
    await eventually('pod snapshot', () => pods.events.length > 0);
    expect(pods.items.size).toBe(0);

    const out = await t.api.kube.deploy({
      ...target(),
      namespace: ns,
      name: 'web',
      image: IMAGE,
      replicas: 1,
      ports: [80],
    });
    expect(out.deployment).toBe('web');
    await eventually('1 Running pod', () => running(pods).length === 1, 60_000);

    await expect(t.api.kube.scale({ ...target(), namespace: ns, name: 'web', replicas: 5 })).resolves.toEqual({
      replicas: 5,
    });
    await eventually('5 Running pods', () => running(pods).length === 5 && pods.items.size === 5, 60_000);
    const nodes = new Set(running(pods).map((p) => p.node));
    expect(nodes.size).toBeGreaterThan(1);
    expect(await kubectl('-n', ns, 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('5');

    const before = new Set(pods.items.keys());
    await t.api.kube.scale({ ...target(), namespace: ns, name: 'web', replicas: 2 });
    await eventually('2 pods left', () => pods.items.size === 2 && running(pods).length === 2, 60_000);
    expect(pods.removed.filter((id) => before.has(id)).length).toBe(3);

    // The apiserver goes away and comes back: the same subscription keeps delivering events.
    const eventsBefore = pods.events.length;
    await restartApiserver(1);
    await t.api.kube.scale({ ...target(), namespace: ns, name: 'web', replicas: 3 });
    await eventually('a 3rd pod after the restart', () => running(pods).length === 3, 90_000).catch(async (e) => {
      console.error(
        await kubectl('-n', ns, 'get', 'pods', '-o', 'wide'),
        [...pods.items.values()].map((p) => `${p.name} ${p.display}`),
      );
      throw e;
    });
    expect(pods.events.length).toBeGreaterThan(eventsBefore);
    expect(pods.ended).toBeUndefined();
    pods.sub.unsubscribe();
  });

  it('refuses invalid replica counts and leaves the deployment unchanged', async () => {
    const ns = testNamespace();
    namespaces.push(ns);
    await t.api.kube.deploy({ ...target(), namespace: ns, name: 'api', image: IMAGE, replicas: 2 });
    for (const replicas of [-1, 'abc', 1.5, Number.NaN] as unknown as number[]) {
      const err = await apiError(t.api.kube.scale({ ...target(), namespace: ns, name: 'api', replicas }));
      expect(err.code).toBe('invalid_input');
      expect(err.message).toMatch(/replicas/i);
    }
    expect(await kubectl('-n', ns, 'get', 'deployment', 'api', '-o', 'jsonpath={.spec.replicas}')).toBe('2');
  });

  it('applies a two-object YAML with a result per object, then reports unchanged', async () => {
    const ns = testNamespace();
    namespaces.push(ns);
    await kubectl('create', 'namespace', ns);
    const yaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: settings }',
      'data: { mode: fast }',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: worker }',
      'spec:',
      '  replicas: 2',
      '  selector: { matchLabels: { app: worker } }',
      '  template:',
      '    metadata: { labels: { app: worker } }',
      `    spec: { containers: [ { name: worker, image: "${IMAGE}" } ] }`,
      '',
    ].join('\n');
    const results = await t.api.kube.apply({ ...target(), namespace: ns, yaml });
    expect(results).toEqual([
      { kind: 'ConfigMap', name: 'settings', namespace: ns, action: 'created' },
      { kind: 'Deployment', name: 'worker', namespace: ns, action: 'created' },
    ]);
    expect(await kubectl('-n', ns, 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}')).toBe('fast');
    const again = await t.api.kube.apply({ ...target(), namespace: ns, yaml: yaml.replace('fast', 'slow') });
    expect(again.map((r) => r.action)).toEqual(['configured', 'unchanged']);
    expect(await kubectl('-n', ns, 'get', 'configmap', 'settings', '-o', 'jsonpath={.data.mode}')).toBe('slow');
    const bad = await t.api.kube.apply({
      ...target(),
      namespace: ns,
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok-one }\n---\napiVersion: v1\nkind: NoSuchKind\nmetadata: { name: x }\n',
    });
    expect(bad.map((r) => r.action)).toEqual(['created', 'failed']);
    expect(bad[1]?.message).toBeTruthy();

    // A deployment goes away through the app, and the watch says so.
    const deployments = live<{ id: string }>(
      (h) => t.api.kube.deployments.subscribe({ ...target(), namespace: ns }, h),
      (d) => d.id,
    );
    await eventually('worker listed', () => deployments.items.has(`${ns}/worker`));
    await t.api.kube.deleteDeployment({ ...target(), namespace: ns, name: 'worker' });
    await eventually('worker gone', () => !deployments.items.has(`${ns}/worker`));
    await expect(kubectl('-n', ns, 'get', 'deployment', 'worker')).rejects.toThrow(/NotFound/);
    deployments.sub.unsubscribe();
  });

  it('applies nothing from a YAML with a syntax error, and says where', async () => {
    const ns = testNamespace();
    namespaces.push(ns);
    await kubectl('create', 'namespace', ns);
    const yaml =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: first }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: second\ndata: [1, 2\n';
    const err = await apiError(t.api.kube.apply({ ...target(), namespace: ns, yaml }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/line \d+, column \d+/);
    expect(err.details).toMatchObject({ line: expect.any(Number), col: expect.any(Number) });
    expect(await kubectl('-n', ns, 'get', 'configmaps', '-o', 'name')).not.toContain('first');

    // A YAML bomb (aliases that would expand to 387 million nodes) after a valid object: refused, nothing applied.
    const bomb = await apiError(
      t.api.kube.apply({
        ...target(),
        namespace: ns,
        yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: first }\n---\n${YAML_BOMB}\n`,
      }),
    );
    expect(bomb.code).toBe('invalid_input');
    expect(bomb.message).toMatch(/repeats its YAML aliases/);
    expect(await kubectl('-n', ns, 'get', 'configmaps', '-o', 'name')).not.toContain('first');
  });

  it('says cluster_unreachable for a context whose server does not answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-kc-'));
    const file = join(dir, 'config');
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [ { name: gone, cluster: { server: "https://127.0.0.1:1", insecure-skip-tls-verify: true } } ]',
        'users: [ { name: gone, user: { token: abc } } ]',
        'contexts: [ { name: gone, context: { cluster: gone, user: gone } } ]',
        'current-context: gone',
        '',
      ].join('\n'),
    );
    const err = await apiError(t.api.kube.status({ context: 'gone', kubeconfig: file }));
    expect(err.code).toBe('cluster_unreachable');
    expect(err.message).toContain('127.0.0.1:1');
    expect(err.hint).toBeTruthy();
    const pods = live<KubePod>(
      (h) => t.api.kube.pods.subscribe({ context: 'gone', kubeconfig: file, namespace: '' }, h),
      (p) => p.id,
    );
    await eventually('stream ends', () => pods.ended !== undefined);
    expect(pods.ended?.code).toBe('cluster_unreachable');
    const scale = await apiError(
      t.api.kube.scale({ context: 'gone', kubeconfig: file, namespace: 'x', name: 'y', replicas: 1 }),
    );
    expect(scale.code).toBe('cluster_unreachable');
    const missing = await apiError(t.api.kube.status({ context: 'nope', kubeconfig: file }));
    expect(missing.code).toBe('not_found');
  });
});
