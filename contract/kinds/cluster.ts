/** The cluster itself: Nodes, Namespaces, Events and CustomResourceDefinitions. */
import type { KindDescription } from './model';
import { because, condition, conditions, field, list, num, str } from './fields';

export const nodes: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'nodes',
  kind: 'Node',
  title: 'Nodes',
  namespaced: false,
  category: 'Cluster',
  columns: [
    {
      name: 'Roles',
      value: (o) =>
        Object.keys(o.metadata?.labels ?? {})
          .filter((k) => k.startsWith('node-role.kubernetes.io/'))
          .map((k) => k.slice('node-role.kubernetes.io/'.length))
          .join(',') || null,
    },
    { name: 'Version', value: field('status.nodeInfo.kubeletVersion') },
    {
      name: 'Internal IP',
      value: (o) => {
        const a = list(o, 'status.addresses').find((x) => str(x, 'type') === 'InternalIP');
        return str(a, 'address') ?? null;
      },
    },
    { name: 'OS image', wide: true, value: field('status.nodeInfo.osImage') },
  ],
  status: (o) => {
    const ready = condition(o, 'Ready');
    const cordoned = o.spec && (o.spec as { unschedulable?: boolean }).unschedulable === true;
    const pressure = conditions(o).find((c) => c.type !== 'Ready' && c.status === 'True');
    if (ready?.status !== 'True')
      return { health: 'failing', text: 'NotReady', reason: because(ready) ?? 'The kubelet does not report Ready' };
    if (pressure) return { health: 'failing', text: pressure.type, reason: because(pressure) };
    if (cordoned) return { health: 'none', text: 'Ready,SchedulingDisabled', reason: 'Cordoned: no new pods' };
    return { health: 'healthy', text: 'Ready' };
  },
  actions: ['editYaml', 'cordon', 'uncordon', 'drain', 'delete'],
};

export const namespaces: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'namespaces',
  kind: 'Namespace',
  title: 'Namespaces',
  namespaced: false,
  category: 'Cluster',
  columns: [],
  status: (o) =>
    str(o, 'status.phase') === 'Terminating'
      ? { health: 'progressing', text: 'Terminating', reason: because(conditions(o).find((c) => c.status === 'True')) }
      : { health: 'healthy', text: str(o, 'status.phase') ?? 'Active' },
  actions: ['editYaml', 'delete'],
};

export const events: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'events',
  kind: 'Event',
  title: 'Events',
  namespaced: true,
  category: 'Cluster',
  columns: [
    { name: 'Type', value: field('type') },
    { name: 'Reason', value: field('reason') },
    { name: 'Object', value: (o) => `${str(o, 'involvedObject.kind') ?? ''}/${str(o, 'involvedObject.name') ?? ''}` },
    { name: 'Message', value: field('message') },
    { name: 'Count', type: 'number', wide: true, value: (o) => num(o, 'count') ?? 1 },
    {
      name: 'Last seen',
      type: 'age',
      value: (o) => str(o, 'lastTimestamp') ?? str(o, 'eventTime') ?? str(o, 'metadata.creationTimestamp') ?? null,
    },
  ],
  status: (o) =>
    str(o, 'type') === 'Warning'
      ? { health: 'failing', text: 'Warning', reason: str(o, 'message') }
      : { health: 'none', text: str(o, 'type') ?? 'Normal' },
  relations: (o) => {
    const kind = str(o, 'involvedObject.kind');
    const name = str(o, 'involvedObject.name');
    if (!kind || !name) return [];
    return [
      {
        type: 'about',
        target: {
          apiVersion: str(o, 'involvedObject.apiVersion') ?? 'v1',
          kind,
          name,
          namespace: str(o, 'involvedObject.namespace'),
        },
      },
    ];
  },
  actions: [],
};

export const customResourceDefinitions: KindDescription = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
  kind: 'CustomResourceDefinition',
  title: 'CustomResourceDefinitions',
  namespaced: false,
  category: 'Custom resources',
  columns: [
    { name: 'Group', value: field('spec.group') },
    { name: 'Kind', value: field('spec.names.kind') },
    {
      name: 'Versions',
      value: (o) =>
        list(o, 'spec.versions')
          .map((v) => str(v, 'name'))
          .join(',') || null,
    },
    { name: 'Scope', value: field('spec.scope') },
  ],
  status: (o) => {
    const established = condition(o, 'Established');
    const names = condition(o, 'NamesAccepted');
    if (names?.status === 'False')
      return { health: 'failing', text: names.reason ?? 'Names not accepted', reason: because(names) };
    if (established?.status === 'True') return { health: 'healthy', text: 'Established' };
    return { health: 'progressing', text: 'Pending', reason: because(established) ?? 'Not established yet' };
  },
  actions: ['editYaml', 'delete'],
};

export const clusterKinds = [nodes, namespaces, events, customResourceDefinitions];
