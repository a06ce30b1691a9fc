/** Network: Services, Ingresses and EndpointSlices — ports, addresses, and what routes to what. */
import type { KindDescription, KubeObj, Relation } from './model';
import { at, field, list, owners, record, selectedPods, str } from './fields';

const ports = (o: KubeObj) =>
  list(o, 'spec.ports')
    .map((p) => {
      const port = at(p, 'port');
      const node = at(p, 'nodePort');
      return `${port}${node ? `:${node}` : ''}/${str(p, 'protocol') ?? 'TCP'}`;
    })
    .join(',') || null;

export const services: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'services',
  kind: 'Service',
  title: 'Services',
  namespaced: true,
  category: 'Network',
  columns: [
    { name: 'Type', value: field('spec.type') },
    { name: 'Cluster IP', value: field('spec.clusterIP') },
    { name: 'Ports', value: ports },
    {
      name: 'Selector',
      wide: true,
      value: (o) =>
        Object.entries(record(o, 'spec.selector'))
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || null,
    },
  ],
  status: (o) => {
    if (str(o, 'spec.type') === 'LoadBalancer' && list(o, 'status.loadBalancer.ingress').length === 0)
      return { health: 'progressing', text: 'Pending', reason: 'Waiting for a load balancer address' };
    return { health: 'healthy', text: 'Active' };
  },
  relations: (o) => [...owners(o), ...selectedPods(o, 'spec.selector')],
  actions: ['editYaml', 'portForward', 'delete'],
};

const backendService = (b: unknown) => str(b, 'service.name');

export const ingresses: KindDescription = {
  group: 'networking.k8s.io',
  version: 'v1',
  resource: 'ingresses',
  kind: 'Ingress',
  title: 'Ingresses',
  namespaced: true,
  category: 'Network',
  columns: [
    { name: 'Class', value: field('spec.ingressClassName') },
    {
      name: 'Hosts',
      value: (o) =>
        list(o, 'spec.rules')
          .map((r) => str(r, 'host') ?? '*')
          .join(',') || '*',
    },
    {
      name: 'Address',
      value: (o) =>
        list(o, 'status.loadBalancer.ingress')
          .map((i) => str(i, 'ip') ?? str(i, 'hostname'))
          .filter(Boolean)
          .join(',') || null,
    },
  ],
  status: (o) =>
    list(o, 'status.loadBalancer.ingress').length > 0
      ? { health: 'healthy', text: 'Active' }
      : { health: 'progressing', text: 'Pending', reason: 'No address assigned by an ingress controller yet' },
  relations: (o) => {
    const ns = o.metadata?.namespace;
    const names = new Set<string>();
    const def = backendService(at(o, 'spec.defaultBackend'));
    if (def) names.add(def);
    for (const r of list(o, 'spec.rules'))
      for (const p of list(r, 'http.paths')) {
        const s = backendService(at(p, 'backend'));
        if (s) names.add(s);
      }
    const out: Relation[] = [...names].map((name) => ({
      type: 'uses',
      target: { apiVersion: 'v1', kind: 'Service', namespace: ns, name },
    }));
    for (const t of list(o, 'spec.tls')) {
      const secret = str(t, 'secretName');
      if (secret)
        out.push({ type: 'mounts', target: { apiVersion: 'v1', kind: 'Secret', namespace: ns, name: secret } });
    }
    return [...owners(o), ...out];
  },
  actions: ['editYaml', 'delete'],
};

export const endpointSlices: KindDescription = {
  group: 'discovery.k8s.io',
  version: 'v1',
  resource: 'endpointslices',
  kind: 'EndpointSlice',
  title: 'EndpointSlices',
  namespaced: true,
  category: 'Network',
  columns: [
    { name: 'Address type', value: field('addressType') },
    {
      name: 'Ports',
      value: (o) =>
        list(o, 'ports')
          .map((p) => String(at(p, 'port') ?? ''))
          .join(',') || null,
    },
    {
      name: 'Endpoints',
      value: (o) =>
        list(o, 'endpoints')
          .flatMap((e) => list(e, 'addresses'))
          .join(',') || null,
    },
  ],
  status: (o) => {
    const endpoints = list(o, 'endpoints');
    const ready = endpoints.filter((e) => at(e, 'conditions.ready') !== false).length;
    if (endpoints.length === 0)
      return { health: 'progressing', text: 'No endpoints', reason: 'No ready pod behind it' };
    return {
      health: ready === endpoints.length ? 'healthy' : 'progressing',
      text: `${ready}/${endpoints.length} ready`,
    };
  },
  relations: (o) => {
    const svc = o.metadata?.labels?.['kubernetes.io/service-name'];
    const own = owners(o);
    if (!svc || own.some((r) => r.target.kind === 'Service')) return own;
    return [
      ...own,
      { type: 'serves', target: { apiVersion: 'v1', kind: 'Service', namespace: o.metadata?.namespace, name: svc } },
    ];
  },
  actions: ['editYaml', 'delete'],
};

export const networkKinds = [services, ingresses, endpointSlices];
