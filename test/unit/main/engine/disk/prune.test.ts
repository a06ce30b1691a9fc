import { describe, expect, it } from 'vitest';
import { pruneCandidates } from '../../../../../main/engine/disk/prune';
import type { DfResponse } from '../../../../../main/engine/disk/diskUsage';
import { RECORDED, recorded } from '../../../../helpers/recorded';

describe('prune previews from recorded system df', () => {
  it.each(RECORDED)('%s: containers: the stopped ones, with their writable layers', (engine) => {
    const p = pruneCandidates(recorded<DfResponse>(engine, 'system-df'), { kind: 'containers', labels: [] });
    expect(p.items.map((i) => i.name)).toEqual(['berth-rec-ran']);
    const df = recorded<DfResponse>(engine, 'system-df');
    expect(pruneCandidates(df, { kind: 'containers', labels: ['berth.rec=1'] }).items).toEqual([]);
    const byImageLabel = ['org.opencontainers.image.title=berth-rec-multistage'];
    expect(pruneCandidates(df, { kind: 'containers', labels: byImageLabel }).items.map((i) => i.name)).toEqual([
      'berth-rec-ran',
    ]);
    expect(p.spaceReclaimed).toBe(engine === 'v29' ? 4096 : 0);
  });

  it.each(RECORDED)('%s: volumes: never one in use; anonymous only unless asked for all', (engine) => {
    const df = recorded<DfResponse>(engine, 'system-df');
    expect(pruneCandidates(df, { kind: 'volumes', mode: 'all' }).items).toEqual([]);
    const anonymous = 'a'.repeat(64);
    const more: DfResponse = {
      ...df,
      Volumes: [
        ...(df.Volumes ?? []),
        { Name: anonymous, UsageData: { RefCount: 0, Size: 10 } },
        { Name: 'named-data', UsageData: { RefCount: 0, Size: 20 } },
        { Name: 'labelled', Labels: { 'com.docker.volume.anonymous': '' }, UsageData: { RefCount: 0, Size: -1 } },
      ],
      VolumeUsage: undefined,
    };
    const anon = pruneCandidates(more, { kind: 'volumes', mode: 'anonymous' });
    expect(anon.items.map((i) => i.name)).toEqual([anonymous, 'labelled']);
    expect(anon.spaceReclaimed).toBe(10);
    const all = pruneCandidates(more, { kind: 'volumes', mode: 'all' });
    expect(all.items.map((i) => i.name)).toEqual([anonymous, 'named-data', 'labelled']);
    expect(all.spaceReclaimed).toBe(30);
  });

  it('29: a dangling build cache prune frees what the engine itself calls reclaimable', () => {
    const df = recorded<DfResponse>('v29', 'system-df');
    const dangling = pruneCandidates(df, { kind: 'buildCache', mode: 'dangling' });
    expect(dangling.spaceReclaimed).toBe(df.BuildCacheUsage?.Reclaimable);
    expect(dangling.items.length).toBeGreaterThan(0);
    const all = pruneCandidates(df, { kind: 'buildCache', mode: 'all' });
    // Everything not in use goes, but records shared with images keep their bytes on disk.
    expect(all.items.length).toBe(df.BuildCacheUsage?.Items?.filter((c) => !c.InUse).length);
    expect(all.items.length).toBeGreaterThan(dangling.items.length);
    expect(all.spaceReclaimed).toBe(dangling.spaceReclaimed);
  });

  it('20.10: build cache records are named by their step', () => {
    const p = pruneCandidates(recorded<DfResponse>('v20.10', 'system-df'), { kind: 'buildCache', mode: 'dangling' });
    expect(p.items.map((i) => i.name)).toContain('mount / from exec /bin/sh -c echo hi > /x');
    expect(p.spaceReclaimed).toBe(6);
  });
});
