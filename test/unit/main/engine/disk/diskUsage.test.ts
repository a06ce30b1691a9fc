import { describe, expect, it } from 'vitest';
import { diskUsageGroups, toDiskUsage, type DfResponse } from '../../../../../main/engine/disk/diskUsage';
import { recorded } from '../../../../helpers/recorded';

const groupsOf = (d: DfResponse) => Object.fromEntries(diskUsageGroups(d).map((g) => [g.kind, g]));

describe('system df on Engine 20.10 (API 1.41: arrays and BuilderSize only)', () => {
  const df = recorded<DfResponse>('v20.10', 'system-df');

  it('works out each type the way the docker CLI does', () => {
    const g = groupsOf(df);
    // Images in use hold their own bytes (size minus shared); the rest of the layers could go.
    expect(g.images).toEqual({
      kind: 'images',
      total: 3,
      active: 2,
      size: 401720082,
      reclaimable: 401720082 - (1984277 - 1984258) - (1984258 - 1984258),
    });
    expect(g.containers).toEqual({ kind: 'containers', total: 2, active: 1, size: 0, reclaimable: 0 });
    expect(g.volumes).toEqual({ kind: 'volumes', total: 1, active: 1, size: 0, reclaimable: 0 });
    expect(g.buildCache).toEqual({ kind: 'buildCache', total: 3, active: 0, size: 6, reclaimable: 6 });
  });

  it('lists the items', () => {
    const u = toDiskUsage(df);
    expect(u.images.find((i) => i.repoTags.includes('berth-fixture/redis:latest'))).toMatchObject({
      containers: 0,
      sharedSize: 0,
    });
    expect(u.containers.map((c) => [c.name, c.state])).toEqual([
      ['berth-rec-running', 'running'],
      ['berth-rec-ran', 'exited'],
    ]);
    expect(u.volumes).toEqual([{ name: 'berth-rec-data', size: 0, refCount: 1, anonymous: false }]);
    expect(u.buildCache[0]).toMatchObject({ type: 'regular', size: 3, inUse: false, shared: false });
  });
});

describe('system df on Engine 29 (API 1.56: the *Usage fields, no BuilderSize)', () => {
  const df = recorded<DfResponse>('v29', 'system-df');

  it("takes the engine's own totals", () => {
    expect(df.BuilderSize).toBeUndefined();
    const g = groupsOf(df);
    expect(g.images).toEqual({ kind: 'images', total: 5, active: 2, size: 31861085, reclaimable: 28711854 });
    expect(g.containers).toEqual({ kind: 'containers', total: 2, active: 1, size: 8192, reclaimable: 4096 });
    // Zero volume totals are left out by the engine (omitempty): measured, so 0 and not unknown.
    expect(g.volumes).toEqual({ kind: 'volumes', total: 1, active: 1, size: 0, reclaimable: 0 });
    expect(g.buildCache).toEqual({ kind: 'buildCache', total: 27, active: 0, size: 1271051, reclaimable: 135622 });
  });

  it("works out the same build cache figure the engine does, from its items (the ' Parents' typo aside)", () => {
    const withoutTotals = { ...df, BuildCacheUsage: { Items: df.BuildCacheUsage?.Items } };
    expect(groupsOf(withoutTotals).buildCache?.reclaimable).toBe(df.BuildCacheUsage?.Reclaimable);
  });

  it('reads the items from the *Usage fields when the old arrays are gone', () => {
    const onlyNew: DfResponse = { ...df };
    delete onlyNew.Images;
    delete onlyNew.Containers;
    delete onlyNew.Volumes;
    delete onlyNew.BuildCache;
    const u = toDiskUsage(onlyNew);
    expect(u.images.length).toBe(5);
    expect(u.containers.map((c) => c.sizeRw)).toEqual([4096, 4096]);
    expect(u.volumes.map((v) => v.name)).toEqual(['berth-rec-data']);
    expect(u.buildCache.length).toBe(27);
    expect(u.images.find((i) => i.repoTags.length === 0)).toMatchObject({ containers: 0 });
  });
});

describe('volume sizes the engine could not measure', () => {
  it('no volumes is zero bytes; volumes of another driver (size -1) are unknown', () => {
    expect(groupsOf({ Volumes: [] }).volumes).toMatchObject({ size: 0, reclaimable: 0 });
    const remote = { Volumes: [{ Name: 'nfs-data', UsageData: { Size: -1, RefCount: 0 } }] };
    expect(groupsOf(remote).volumes).toMatchObject({ total: 1, size: null, reclaimable: null });
  });
});
