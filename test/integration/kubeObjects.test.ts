/**
 * The resource model against the real control plane (kube-apiserver, controller-manager, scheduler, kwok
 * nodes), through the real router: one object of every kind — and a CRD with additionalPrinterColumns and
 * one of its custom resources — listed and watched as rows with the right cells and status, read with
 * their relations and events, a Secret revealed one value at a time, and a watch seeing changes live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { live, type Live } from '../helpers/collection';
import { apiError } from '../helpers/errors';
import type { KubeKindInfo, KubeObjectRow } from '../../contract/kubeObjects';
import { clientsFor } from '../../main/kube/clients';
import { listAll } from '../../main/kube/objects/objectRequest';

let cluster: KubeCluster;
let t: TestBackend;
const ns = testNamespace();
/** Cluster-scoped objects carry this suffix, so parallel runs never meet. */
const sfx = ns.replace('berth-test-', '');
const GROUP = `k8smodel-${sfx}.berth.dev`;
const IMAGE = 'berth-fixture/busybox:latest';
const target = () => ({ context: cluster.context, kubeconfig: cluster.kubeconfig });

const manifest = `
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: ${ns} }
data: { mode: fast, level: "3" }
---
apiVersion: v1
kind: Secret
metadata: { name: creds, namespace: ${ns} }
type: Opaque
stringData: { password: hunter2-${sfx}, user: admin }
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: { name: sc-${sfx} }
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: Immediate
---
apiVersion: v1
kind: PersistentVolume
metadata: { name: pv-${sfx} }
spec:
  capacity: { storage: 1Gi }
  accessModes: [ReadWriteOnce]
  storageClassName: sc-${sfx}
  hostPath: { path: /tmp/pv-${sfx} }
  claimRef: { namespace: ${ns}, name: data }
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: { name: data, namespace: ${ns} }
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: sc-${sfx}
  volumeName: pv-${sfx}
  resources: { requests: { storage: 1Gi } }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: robot, namespace: ${ns} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${ns} }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: ${IMAGE} }]
---
apiVersion: v1
kind: Pod
metadata: { name: solo, namespace: ${ns}, labels: { app: solo } }
spec:
  serviceAccountName: robot
  containers:
    - name: c
      image: ${IMAGE}
      envFrom: [{ configMapRef: { name: settings } }]
  volumes:
    - { name: s, secret: { secretName: creds } }
    - { name: d, persistentVolumeClaim: { claimName: data } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: ${ns} }
spec:
  replicas: 1
  serviceName: web
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: ${IMAGE} }] }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: ${ns} }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec: { containers: [{ name: agent, image: ${IMAGE} }] }
---
apiVersion: batch/v1
kind: Job
metadata: { name: once, namespace: ${ns} }
spec:
  template:
    spec: { restartPolicy: Never, containers: [{ name: once, image: ${IMAGE} }] }
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly, namespace: ${ns} }
spec:
  schedule: "0 3 * * *"
  suspend: true
  jobTemplate:
    spec:
      template:
        spec: { restartPolicy: Never, containers: [{ name: nightly, image: ${IMAGE} }] }
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: ${ns} }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: front, namespace: ${ns} }
spec:
  rules:
    - host: web.${sfx}.test
      http:
        paths: [{ path: /, pathType: Prefix, backend: { service: { name: web, port: { number: 80 } } } }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: reader, namespace: ${ns} }
rules: [{ apiGroups: [""], resources: [pods], verbs: [get, list] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader-robot, namespace: ${ns} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader }
subjects: [{ kind: ServiceAccount, name: robot, namespace: ${ns} }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: viewer-${sfx} }
rules: [{ apiGroups: [""], resources: [nodes], verbs: [get] }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: viewer-${sfx} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: viewer-${sfx} }
subjects: [{ kind: ServiceAccount, name: robot, namespace: ${ns} }]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web, namespace: ${ns} }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 1
  maxReplicas: 4
  metrics: [{ type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 50 } } }]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: { name: web, namespace: ${ns} }
spec:
  minAvailable: 1
  selector: { matchLabels: { app: web } }
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.${GROUP} }
spec:
  group: ${GROUP}
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget, listKind: WidgetList }
  versions:
    - name: v1
      served: true
      storage: true
      subresources: { status: {} }
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
      additionalPrinterColumns:
        - { name: Size, type: string, jsonPath: .spec.size }
        - { name: Replicas, type: integer, jsonPath: .spec.replicas }
        - { name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status' }
        - { name: Age, type: date, jsonPath: .metadata.creationTimestamp }
`;

const widget = (size: string) => `
apiVersion: ${GROUP}/v1
kind: Widget
metadata: { name: gizmo, namespace: ${ns} }
spec: { size: ${size}, replicas: 3 }
`;

function applyYaml(yaml: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'k8smodel-'));
  const file = join(dir, 'objects.yaml');
  writeFileSync(file, yaml);
  return kubectl('apply', '-f', file);
}

/** The live rows of one kind (in the test namespace for namespaced kinds). */
function rows(kind: KubeKindInfo): Live<KubeObjectRow> {
  return live<KubeObjectRow>(
    (h) =>
      t.api.kube.objects.subscribe(
        { ...target(), group: kind.group, version: kind.version, resource: kind.resource, namespace: ns },
        h,
      ),
    (r) => r.id,
  );
}

let kinds: KubeKindInfo[];
const kindOf = (resource: string, group?: string) => {
  const k = kinds.find((x) => x.resource === resource && (group === undefined || x.group === group));
  if (!k) throw new Error(`no kind ${resource}`);
  return k;
};
const cell = (k: KubeKindInfo, row: KubeObjectRow | undefined, column: string) =>
  row?.cells[k.columns.findIndex((c) => c.name === column)];

beforeAll(async () => {
  cluster = await useKubeCluster();
  t = startTestBackend();
  await kubectl('create', 'namespace', ns);
  await applyYaml(manifest.split('\n---\n').slice(0, -1).join('\n---\n'));
  // The CRD last, and its custom resource once the API serves it.
  await applyYaml(manifest.split('\n---\n').slice(-1)[0] as string);
  await kubectl('wait', '--for=condition=Established', `crd/widgets.${GROUP}`, '--timeout=60s');
  await applyYaml(widget('large'));
}, 40 * 60_000);

afterAll(async () => {
  t?.close();
  await kubectl(
    'delete',
    `crd/widgets.${GROUP}`,
    `clusterrole/viewer-${sfx}`,
    `clusterrolebinding/viewer-${sfx}`,
    `pv/pv-${sfx}`,
    `storageclass/sc-${sfx}`,
    '--ignore-not-found',
    '--wait=false',
  ).catch(() => '');
  await deleteNamespaces(ns);
  await cluster?.stop();
});

describe('the resource model on the real control plane', () => {
  it('lists every built-in kind and the custom resource with its printer columns', async () => {
    kinds = await t.api.kube.kinds(target());
    const resources = kinds.filter((k) => !k.custom).map((k) => k.resource);
    expect(resources.sort()).toEqual(
      [
        'pods',
        'deployments',
        'statefulsets',
        'daemonsets',
        'replicasets',
        'jobs',
        'cronjobs',
        'services',
        'ingresses',
        'endpointslices',
        'configmaps',
        'secrets',
        'persistentvolumeclaims',
        'persistentvolumes',
        'storageclasses',
        'nodes',
        'namespaces',
        'events',
        'serviceaccounts',
        'roles',
        'rolebindings',
        'clusterroles',
        'clusterrolebindings',
        'horizontalpodautoscalers',
        'poddisruptionbudgets',
        'customresourcedefinitions',
      ].sort(),
    );
    const w = kindOf('widgets', GROUP);
    expect(w).toMatchObject({
      kind: 'Widget',
      version: 'v1',
      namespaced: true,
      custom: true,
      category: 'Custom resources',
    });
    expect(w.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Size:text', 'Replicas:number', 'Ready:text']);
  });

  it('lists and watches one object of each kind with the right rows and status', async () => {
    // name of the object each kind should show, and what to check on its row
    const expectations: Array<[string, string | undefined, string, (k: KubeKindInfo, r: KubeObjectRow) => boolean]> = [
      ['pods', '', `${ns}/solo`, (_k, r) => r.status.health === 'healthy' && r.status.text === 'Running'],
      ['deployments', 'apps', `${ns}/web`, (k, r) => cell(k, r, 'Ready') === '2/2' && r.status.health === 'healthy'],
      ['statefulsets', 'apps', `${ns}/db`, (k, r) => cell(k, r, 'Ready') === '1/1'],
      ['daemonsets', 'apps', `${ns}/agent`, (k, r) => cell(k, r, 'Desired') === 3 && r.status.health === 'healthy'],
      ['replicasets', 'apps', '', (k, r) => r.name.startsWith('web-') && cell(k, r, 'Desired') === 2],
      ['jobs', 'batch', `${ns}/once`, (k, r) => String(cell(k, r, 'Completions')).endsWith('/1')],
      [
        'cronjobs',
        'batch',
        `${ns}/nightly`,
        (k, r) => cell(k, r, 'Schedule') === '0 3 * * *' && r.status.text === 'Suspended',
      ],
      ['services', '', `${ns}/web`, (k, r) => cell(k, r, 'Ports') === '80/TCP' && cell(k, r, 'Type') === 'ClusterIP'],
      ['ingresses', 'networking.k8s.io', `${ns}/front`, (k, r) => cell(k, r, 'Hosts') === `web.${sfx}.test`],
      ['endpointslices', 'discovery.k8s.io', '', (_k, r) => r.name.startsWith('web-')],
      ['configmaps', '', `${ns}/settings`, (k, r) => cell(k, r, 'Keys') === 'level,mode'],
      [
        'secrets',
        '',
        `${ns}/creds`,
        (k, r) => cell(k, r, 'Keys') === 'password,user' && cell(k, r, 'Type') === 'Opaque',
      ],
      [
        'persistentvolumeclaims',
        '',
        `${ns}/data`,
        (k, r) => r.status.text === 'Bound' && cell(k, r, 'Volume') === `pv-${sfx}`,
      ],
      [
        'persistentvolumes',
        '',
        `pv-${sfx}`,
        (k, r) => r.status.text === 'Bound' && cell(k, r, 'Claim') === `${ns}/data`,
      ],
      [
        'storageclasses',
        'storage.k8s.io',
        `sc-${sfx}`,
        (k, r) => cell(k, r, 'Provisioner') === 'kubernetes.io/no-provisioner',
      ],
      ['nodes', '', 'kwok-node-0', (_k, r) => r.status.health === 'healthy' && r.namespace === undefined],
      ['namespaces', '', ns, (_k, r) => r.status.text === 'Active'],
      ['events', '', '', (k, r) => typeof cell(k, r, 'Reason') === 'string'],
      ['serviceaccounts', '', `${ns}/robot`, () => true],
      ['roles', 'rbac.authorization.k8s.io', `${ns}/reader`, (k, r) => cell(k, r, 'Rules') === 1],
      [
        'rolebindings',
        'rbac.authorization.k8s.io',
        `${ns}/reader-robot`,
        (k, r) => cell(k, r, 'Role') === 'Role/reader',
      ],
      ['clusterroles', 'rbac.authorization.k8s.io', `viewer-${sfx}`, (k, r) => cell(k, r, 'Rules') === 1],
      [
        'clusterrolebindings',
        'rbac.authorization.k8s.io',
        `viewer-${sfx}`,
        (k, r) => cell(k, r, 'Subjects') === 'ServiceAccount/robot',
      ],
      [
        'horizontalpodautoscalers',
        'autoscaling',
        `${ns}/web`,
        (k, r) => cell(k, r, 'Reference') === 'Deployment/web' && cell(k, r, 'Max') === 4,
      ],
      [
        'poddisruptionbudgets',
        'policy',
        `${ns}/web`,
        (k, r) =>
          cell(k, r, 'Min available') === 1 && cell(k, r, 'Allowed disruptions') === 1 && r.status.health === 'healthy',
      ],
      [
        'customresourcedefinitions',
        'apiextensions.k8s.io',
        `widgets.${GROUP}`,
        (_k, r) => r.status.health === 'healthy',
      ],
      ['widgets', GROUP, `${ns}/gizmo`, (k, r) => cell(k, r, 'Size') === 'large' && cell(k, r, 'Replicas') === 3],
    ];
    const subs = expectations.map(([resource, group, id, check]) => {
      const k = kindOf(resource, group);
      return { k, id, check, l: rows(k) };
    });
    try {
      for (const { k, id, check, l } of subs) {
        const find = () => (id ? l.items.get(id) : [...l.items.values()].find((r) => check(k, r)));
        await eventually(`${k.resource} row ${id}`, () => Boolean(find() && check(k, find()!)), 90_000).catch((e) => {
          console.error(k.resource, [...l.items.values()].slice(0, 5), l.ended);
          throw e;
        });
        expect(l.ended).toBeUndefined();
      }
    } finally {
      for (const s of subs) s.l.sub.unsubscribe();
    }
  });

  it('reads a pod with its relations: node, ConfigMap, Secret, claim and service account', async () => {
    const d = await t.api.kube.object({
      ...target(),
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: ns,
      name: 'solo',
    });
    const rel = d.relations.map((r) => `${r.type} ${r.kind}/${r.name} ${r.resource ?? '?'}`);
    expect(rel).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^runs on Node\/kwok-node-\d nodes$/),
        'mounts ConfigMap/settings configmaps',
        'mounts Secret/creds secrets',
        'binds PersistentVolumeClaim/data persistentvolumeclaims',
        'uses ServiceAccount/robot serviceaccounts',
      ]),
    );
    expect(d.row.status.health).toBe('healthy');
    expect(d.labels).toEqual({ app: 'solo' });
    expect(d.events.some((e) => e.reason === 'Scheduled')).toBe(true);
  });

  it('resolves selectors and owners: a Service selects its pods, a pod names its ReplicaSet, a PVC its volume', async () => {
    const svc = await t.api.kube.object({
      ...target(),
      group: '',
      version: 'v1',
      resource: 'services',
      namespace: ns,
      name: 'web',
    });
    const selected = svc.relations.filter((r) => r.type === 'selects');
    expect(selected).toHaveLength(2);
    expect(selected.every((r) => r.kind === 'Pod' && r.name.startsWith('web-') && r.namespace === ns)).toBe(true);

    const pod = await t.api.kube.object({
      ...target(),
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: ns,
      name: selected[0]!.name,
    });
    expect(pod.relations.find((r) => r.type === 'owner')).toMatchObject({
      kind: 'ReplicaSet',
      group: 'apps',
      resource: 'replicasets',
    });

    const pvc = await t.api.kube.object({
      ...target(),
      group: '',
      version: 'v1',
      resource: 'persistentvolumeclaims',
      namespace: ns,
      name: 'data',
    });
    expect(pvc.relations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'binds', kind: 'PersistentVolume', name: `pv-${sfx}` }),
        expect.objectContaining({ type: 'uses', kind: 'StorageClass', name: `sc-${sfx}` }),
      ]),
    );
    expect(pvc.relations.find((r) => r.kind === 'PersistentVolume')?.namespace).toBeUndefined();
    const rb = await t.api.kube.object({
      ...target(),
      group: 'rbac.authorization.k8s.io',
      version: 'v1',
      resource: 'rolebindings',
      namespace: ns,
      name: 'reader-robot',
    });
    expect(rb.relations.map((r) => `${r.kind}/${r.name}`).sort()).toEqual(['Role/reader', 'ServiceAccount/robot']);
    const node = await t.api.kube.object({
      ...target(),
      group: '',
      version: 'v1',
      resource: 'nodes',
      name: 'kwok-node-0',
    });
    expect(node.kind.namespaced).toBe(false);
    const onNode = node.relations.filter((r) => r.type === 'used by');
    expect(onNode.length).toBeGreaterThan(0);
    expect(onNode.every((r) => r.kind === 'Pod' && r.resource === 'pods' && r.namespace)).toBe(true);
    expect(node.row.status.health).toBe('healthy');
  });

  it('never sends a Secret value with the object, and reveals one value on request', async () => {
    const d = await t.api.kube.object({
      ...target(),
      group: '',
      version: 'v1',
      resource: 'secrets',
      namespace: ns,
      name: 'creds',
    });
    expect(JSON.stringify(d)).not.toContain(Buffer.from(`hunter2-${sfx}`).toString('base64'));
    expect(JSON.stringify(d)).not.toContain(`hunter2-${sfx}`);
    expect(d.secretKeys).toEqual([
      { key: 'password', bytes: `hunter2-${sfx}`.length },
      { key: 'user', bytes: 5 },
    ]);
    expect(d.object.data).toEqual({ password: '', user: '' });
    // The pods that mount it: the reverse of the pod's own relations.
    expect(d.relations.filter((r) => r.type === 'used by').map((r) => `${r.kind}/${r.name}`)).toEqual(['Pod/solo']);
    await expect(
      t.api.kube.secretValue({ ...target(), namespace: ns, name: 'creds', key: 'password' }),
    ).resolves.toEqual({
      value: `hunter2-${sfx}`,
      encoding: 'utf8',
    });
    const err = await apiError(t.api.kube.secretValue({ ...target(), namespace: ns, name: 'creds', key: 'nope' }));
    expect(err.code).toBe('not_found');
  });

  it('watches a custom resource change and a ConfigMap go away, live', async () => {
    const w = kindOf('widgets', GROUP);
    const l = rows(w);
    await eventually('gizmo row', () => l.items.has(`${ns}/gizmo`), 30_000);
    await applyYaml(widget('huge'));
    await kubectl(
      '-n',
      ns,
      'patch',
      `widgets.${GROUP}`,
      'gizmo',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Up"}]}}',
    );
    await eventually(
      'gizmo is huge and Ready',
      () =>
        cell(w, l.items.get(`${ns}/gizmo`), 'Size') === 'huge' &&
        l.items.get(`${ns}/gizmo`)?.status.health === 'healthy',
      30_000,
    );
    expect(cell(w, l.items.get(`${ns}/gizmo`), 'Ready')).toBe('True');
    l.sub.unsubscribe();

    const cms = rows(kindOf('configmaps', ''));
    await eventually('settings row', () => cms.items.has(`${ns}/settings`), 30_000);
    await kubectl('-n', ns, 'delete', 'configmap', 'settings');
    await eventually('settings removed', () => !cms.items.has(`${ns}/settings`), 30_000);
    expect(cms.removed).toContain(`${ns}/settings`);
    cms.sub.unsubscribe();
  });

  it('lists in pages, as one snapshot with the resourceVersion to watch from', async () => {
    const c = await clientsFor(target());
    const path = `/api/v1/namespaces/${ns}/serviceaccounts`;
    const paged = await listAll<{ metadata: { name: string } }>(c, path, 1);
    const names = (await kubectl('-n', ns, 'get', 'serviceaccounts', '-o', 'jsonpath={.items[*].metadata.name}')).split(
      ' ',
    );
    expect(names.length).toBeGreaterThan(1);
    expect(paged.items.map((o) => o.metadata.name).sort()).toEqual(names.sort());
    expect(Number(paged.resourceVersion)).toBeGreaterThan(0);
  });

  it('says which resource the cluster does not serve', async () => {
    const err = await apiError(
      t.api.kube.object({
        ...target(),
        group: 'nope.berth.dev',
        version: 'v1',
        resource: 'things',
        namespace: ns,
        name: 'x',
      }),
    );
    expect(err.code).toBe('not_found');
    expect(err.message).toContain('things.nope.berth.dev/v1');
    expect(err.hint).toMatch(/CustomResourceDefinition/);
  });
});
