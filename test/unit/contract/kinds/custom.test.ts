/** A custom resource's kind from its CRD: version, scope, printer columns evaluated on an object, status from conditions. */
import { describe, expect, it } from 'vitest';
import { kindFromCrd, plural } from '../../../../contract/kinds/custom';
import { toRow } from '../../../../contract/kinds/rows';

const crd = {
  metadata: { name: 'widgets.example.berth.dev' },
  spec: {
    group: 'example.berth.dev',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
    versions: [
      { name: 'v1alpha1', served: true, storage: false },
      {
        name: 'v1',
        served: true,
        storage: true,
        additionalPrinterColumns: [
          { name: 'Size', type: 'string', jsonPath: '.spec.size' },
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Colour', type: 'string', jsonPath: '.spec.colour', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

describe('custom resources', () => {
  it('describes the storage version with its printer columns (Age left to the table)', () => {
    const k = kindFromCrd(crd)!;
    expect(k).toMatchObject({
      group: 'example.berth.dev',
      version: 'v1',
      resource: 'widgets',
      kind: 'Widget',
      title: 'Widgets',
      namespaced: true,
    });
    expect(k.category).toBe('Custom resources');
    expect(k.columns.map((c) => [c.name, c.type, c.wide])).toEqual([
      ['Size', 'text', false],
      ['Replicas', 'number', false],
      ['Ready', 'text', false],
      ['Colour', 'text', true],
    ]);
  });

  it('makes rows from the printer columns and a status from the Ready condition', () => {
    const k = kindFromCrd(crd)!;
    const row = toRow(k, {
      metadata: {
        name: 'w1',
        namespace: 'ns',
        uid: 'u',
        resourceVersion: '7',
        creationTimestamp: '2026-01-01T00:00:00Z',
      },
      spec: { size: 'large', replicas: 2 },
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'NoCapacity', message: 'no room' }] },
    });
    expect(row).toEqual({
      id: 'ns/w1',
      uid: 'u',
      name: 'w1',
      namespace: 'ns',
      resourceVersion: '7',
      labels: {},
      cells: ['large', 2, 'False', null],
      status: { health: 'failing', text: 'NoCapacity', reason: 'NoCapacity: no room' },
      createdAt: '2026-01-01T00:00:00Z',
    });
  });

  it('is cluster-scoped by its scope, and nothing when no version is served', () => {
    expect(kindFromCrd({ ...crd, spec: { ...crd.spec, scope: 'Cluster' } })!.namespaced).toBe(false);
    const none = { ...crd, spec: { ...crd.spec, versions: crd.spec.versions.map((v) => ({ ...v, served: false })) } };
    expect(kindFromCrd(none)).toBeUndefined();
  });

  it('words plurals', () => {
    expect([plural('Widget'), plural('Policy'), plural('Ingress'), plural('Gateway')]).toEqual([
      'Widgets',
      'Policies',
      'Ingresses',
      'Gateways',
    ]);
  });
});
