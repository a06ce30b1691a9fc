/** The built-in kinds: every kind the issue names, each once, findable by resource and by apiVersion/kind. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_KINDS, KindRegistry, kindId } from '../../../../contract/kinds';

describe('built-in kinds', () => {
  it('has one description per kind, unique by id', () => {
    const ids = BUILTIN_KINDS.map(kindId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(BUILTIN_KINDS.map((k) => k.kind).sort()).toEqual(
      [
        'Pod',
        'Deployment',
        'StatefulSet',
        'DaemonSet',
        'ReplicaSet',
        'Job',
        'CronJob',
        'Service',
        'Ingress',
        'EndpointSlice',
        'ConfigMap',
        'Secret',
        'PersistentVolumeClaim',
        'PersistentVolume',
        'StorageClass',
        'Node',
        'Namespace',
        'Event',
        'ServiceAccount',
        'Role',
        'RoleBinding',
        'ClusterRole',
        'ClusterRoleBinding',
        'HorizontalPodAutoscaler',
        'PodDisruptionBudget',
        'CustomResourceDefinition',
      ].sort(),
    );
  });

  it('finds kinds by resource, and by the apiVersion and kind owner references use (any version of the group)', () => {
    const r = new KindRegistry(BUILTIN_KINDS);
    expect(r.byResource({ group: 'apps', version: 'v1', resource: 'deployments' })?.kind).toBe('Deployment');
    expect(r.byResource({ group: '', version: 'v1', resource: 'pods' })?.kind).toBe('Pod');
    expect(r.byApiVersion('apps/v1', 'ReplicaSet')?.resource).toBe('replicasets');
    expect(r.byApiVersion('v1', 'Node')?.namespaced).toBe(false);
    expect(r.byApiVersion('autoscaling/v1', 'HorizontalPodAutoscaler')?.version).toBe('v2');
    expect(r.byApiVersion('example.dev/v1', 'Widget')).toBeUndefined();
  });

  it('only cluster-scoped kinds are not namespaced', () => {
    expect(
      BUILTIN_KINDS.filter((k) => !k.namespaced)
        .map((k) => k.kind)
        .sort(),
    ).toEqual(
      [
        'ClusterRole',
        'ClusterRoleBinding',
        'CustomResourceDefinition',
        'Namespace',
        'Node',
        'PersistentVolume',
        'StorageClass',
      ].sort(),
    );
  });
});
