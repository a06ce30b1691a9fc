/** Claims and volumes: Bound is healthy, Pending progressing, Failed failing; each names what it binds. */
import { describe, expect, it } from 'vitest';
import { persistentVolumeClaims, persistentVolumes } from '../../../../contract/kinds/storage';

describe('storage kinds', () => {
  it('a claim binds its volume and uses its storage class', () => {
    const pvc = {
      metadata: { name: 'data', namespace: 'ns' },
      spec: { volumeName: 'pv1', storageClassName: 'fast' },
      status: { phase: 'Bound' },
    };
    expect(persistentVolumeClaims.status!(pvc)).toEqual({ health: 'healthy', text: 'Bound' });
    expect(
      persistentVolumeClaims.relations!(pvc).map((r) => [r.type, r.target.kind, r.target.name, r.target.namespace]),
    ).toEqual([
      ['binds', 'PersistentVolume', 'pv1', undefined],
      ['uses', 'StorageClass', 'fast', undefined],
    ]);
  });

  it('a pending claim is progressing; a failed volume is failing with its message', () => {
    expect(persistentVolumeClaims.status!({ status: { phase: 'Pending' } }).health).toBe('progressing');
    expect(persistentVolumes.status!({ status: { phase: 'Failed', message: 'recycler failed' } })).toEqual({
      health: 'failing',
      text: 'Failed',
      reason: 'recycler failed',
    });
  });

  it('a volume binds its claim in the claim namespace', () => {
    const pv = { metadata: { name: 'pv1' }, spec: { claimRef: { namespace: 'ns', name: 'data' } } };
    expect(persistentVolumes.relations!(pv)[0]?.target).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      namespace: 'ns',
      name: 'data',
    });
  });
});
