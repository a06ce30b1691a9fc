/** Storage: PersistentVolumeClaims, PersistentVolumes and StorageClasses, and which binds which. */
import type { KindDescription, KubeObj, Relation, StatusSummary } from './model';
import { field, list, owners, str } from './fields';

const phaseStatus = (o: KubeObj): StatusSummary => {
  const phase = str(o, 'status.phase') ?? 'Pending';
  if (phase === 'Bound' || phase === 'Available') return { health: 'healthy', text: phase };
  if (phase === 'Pending') return { health: 'progressing', text: phase, reason: 'Waiting for a volume to bind' };
  if (phase === 'Released') return { health: 'none', text: phase, reason: 'Its claim was deleted' };
  return { health: 'failing', text: phase, reason: str(o, 'status.message') ?? str(o, 'status.reason') };
};

const storageClassOf = (o: KubeObj): Relation[] => {
  const sc = str(o, 'spec.storageClassName');
  return sc ? [{ type: 'uses', target: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: sc } }] : [];
};

const accessModes = (o: KubeObj) => list(o, 'spec.accessModes').join(',') || null;

export const persistentVolumeClaims: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'persistentvolumeclaims',
  kind: 'PersistentVolumeClaim',
  title: 'PersistentVolumeClaims',
  namespaced: true,
  category: 'Storage',
  columns: [
    { name: 'Volume', value: field('spec.volumeName') },
    {
      name: 'Capacity',
      value: (o) => str(o, 'status.capacity.storage') ?? str(o, 'spec.resources.requests.storage') ?? null,
    },
    { name: 'Access modes', value: accessModes },
    { name: 'Storage class', value: field('spec.storageClassName') },
  ],
  status: phaseStatus,
  relations: (o) => [
    ...owners(o),
    ...(str(o, 'spec.volumeName')
      ? [
          {
            type: 'binds' as const,
            target: { apiVersion: 'v1', kind: 'PersistentVolume', name: str(o, 'spec.volumeName') },
          },
        ]
      : []),
    ...storageClassOf(o),
  ],
  actions: ['editYaml', 'delete'],
};

export const persistentVolumes: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'persistentvolumes',
  kind: 'PersistentVolume',
  title: 'PersistentVolumes',
  namespaced: false,
  category: 'Storage',
  columns: [
    { name: 'Capacity', value: field('spec.capacity.storage') },
    { name: 'Access modes', value: accessModes },
    { name: 'Reclaim policy', value: field('spec.persistentVolumeReclaimPolicy') },
    {
      name: 'Claim',
      value: (o) =>
        str(o, 'spec.claimRef.name') ? `${str(o, 'spec.claimRef.namespace')}/${str(o, 'spec.claimRef.name')}` : null,
    },
    { name: 'Storage class', value: field('spec.storageClassName') },
  ],
  status: phaseStatus,
  relations: (o) => [
    ...(str(o, 'spec.claimRef.name')
      ? [
          {
            type: 'binds' as const,
            target: {
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              namespace: str(o, 'spec.claimRef.namespace'),
              name: str(o, 'spec.claimRef.name'),
            },
          },
        ]
      : []),
    ...storageClassOf(o),
  ],
  actions: ['editYaml', 'delete'],
};

export const storageClasses: KindDescription = {
  group: 'storage.k8s.io',
  version: 'v1',
  resource: 'storageclasses',
  kind: 'StorageClass',
  title: 'StorageClasses',
  namespaced: false,
  category: 'Storage',
  columns: [
    { name: 'Provisioner', value: field('provisioner') },
    { name: 'Reclaim policy', value: (o) => str(o, 'reclaimPolicy') ?? 'Delete' },
    { name: 'Binding mode', value: (o) => str(o, 'volumeBindingMode') ?? 'Immediate' },
    {
      name: 'Default',
      value: (o) => String(o.metadata?.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true'),
    },
  ],
  actions: ['editYaml', 'delete'],
};

export const storageKinds = [persistentVolumeClaims, persistentVolumes, storageClasses];
