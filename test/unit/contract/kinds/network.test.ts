/** Services, Ingresses and EndpointSlices: columns, status and what they route to. */
import { describe, expect, it } from 'vitest';
import { endpointSlices, ingresses, services } from '../../../../contract/kinds/network';

describe('network kinds', () => {
  it('a Service shows its ports and selects its pods; a LoadBalancer without an address is pending', () => {
    const svc = {
      metadata: { name: 'web', namespace: 'ns' },
      spec: {
        type: 'NodePort',
        clusterIP: '10.0.0.1',
        ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
        selector: { app: 'web' },
      },
    };
    expect(services.columns.map((c) => c.value(svc))).toEqual(['NodePort', '10.0.0.1', '80:30080/TCP', 'app=web']);
    expect(services.relations!(svc)).toEqual([
      { type: 'selects', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', selector: { app: 'web' } } },
    ]);
    expect(services.status!({ spec: { type: 'LoadBalancer' }, status: {} }).health).toBe('progressing');
  });

  it('an Ingress uses its backend Services once and mounts its TLS Secret', () => {
    const ing = {
      metadata: { name: 'front', namespace: 'ns' },
      spec: {
        tls: [{ secretName: 'cert' }],
        rules: [
          {
            host: 'a.test',
            http: { paths: [{ backend: { service: { name: 'web' } } }, { backend: { service: { name: 'web' } } }] },
          },
        ],
      },
    };
    expect(ingresses.relations!(ing).map((r) => `${r.type} ${r.target.kind}/${r.target.name}`)).toEqual([
      'uses Service/web',
      'mounts Secret/cert',
    ]);
    expect(ingresses.columns[1]?.value(ing)).toBe('a.test');
  });

  it('an EndpointSlice counts ready endpoints and serves its Service', () => {
    const slice = {
      metadata: { name: 'web-abc', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
      endpoints: [
        { addresses: ['10.1.0.1'], conditions: { ready: true } },
        { addresses: ['10.1.0.2'], conditions: { ready: false } },
      ],
    };
    expect(endpointSlices.status!(slice)).toEqual({ health: 'progressing', text: '1/2 ready' });
    expect(endpointSlices.relations!(slice)).toEqual([
      { type: 'serves', target: { apiVersion: 'v1', kind: 'Service', namespace: 'ns', name: 'web' } },
    ]);
  });
});
