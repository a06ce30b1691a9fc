/**
 * `docker system df -v` from GET /system/df, the same on both engines. Engine 29 answers with `ImageUsage`,
 * `ContainerUsage`, `VolumeUsage` and `BuildCacheUsage` (totals and reclaimable bytes worked out by the
 * engine; `BuilderSize` is gone) beside the old arrays; 20.10 sends only the arrays and `BuilderSize`, and the
 * totals are worked out here the way the docker CLI does it. Items come from whichever the engine sent.
 */
import type Docker from 'dockerode';
import type { DiskUsage, DiskUsageGroup } from '../../../contract/diskUsage';

export interface DfImage {
  Id: string;
  RepoTags?: string[] | null;
  Size: number;
  SharedSize?: number;
  Containers?: number;
  Created?: number;
}
export interface DfContainer {
  Id: string;
  Names?: string[];
  Labels?: Record<string, string> | null;
  Image?: string;
  State?: string;
  SizeRw?: number;
}
export interface DfVolume {
  Name: string;
  Labels?: Record<string, string> | null;
  UsageData?: { Size?: number; RefCount?: number } | null;
}
export interface DfBuildCache {
  ID: string;
  Type?: string;
  Description?: string;
  Size?: number;
  InUse?: boolean;
  Shared?: boolean;
  LastUsedAt?: string | null;
  UsageCount?: number;
}
interface Usage<T> {
  ActiveCount?: number;
  TotalCount?: number;
  TotalSize?: number;
  Reclaimable?: number;
  Items?: T[] | null;
}

/** The response of GET /system/df on API 1.41 … 1.56. */
export interface DfResponse {
  LayersSize?: number;
  Images?: DfImage[] | null;
  Containers?: DfContainer[] | null;
  Volumes?: DfVolume[] | null;
  BuildCache?: DfBuildCache[] | null;
  BuilderSize?: number;
  ImageUsage?: Usage<DfImage> | null;
  ContainerUsage?: Usage<DfContainer> | null;
  VolumeUsage?: Usage<DfVolume> | null;
  BuildCacheUsage?: Usage<DfBuildCache> | null;
}

/** The items of one type: the new `*Usage.Items` when sent, else the old array. */
export const dfItems = {
  images: (d: DfResponse): DfImage[] => d.ImageUsage?.Items ?? d.Images ?? [],
  containers: (d: DfResponse): DfContainer[] => d.ContainerUsage?.Items ?? d.Containers ?? [],
  volumes: (d: DfResponse): DfVolume[] => d.VolumeUsage?.Items ?? d.Volumes ?? [],
  buildCache: (d: DfResponse): DfBuildCache[] => d.BuildCacheUsage?.Items ?? d.BuildCache ?? [],
};

/** Engine 23+ labels the volumes it made for a container; older ones are told by their 64-hex name. */
export const isAnonymousVolume = (v: Pick<DfVolume, 'Name' | 'Labels'>): boolean =>
  /^[0-9a-f]{64}$/.test(v.Name) || (v.Labels ?? {})['com.docker.volume.anonymous'] !== undefined;

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const running = (state: string | undefined) => state === 'running' || state === 'paused' || state === 'restarting';

const inFlight = new WeakMap<Docker, Promise<DfResponse>>();
const BUSY = /disk usage operation is already running/i;

/**
 * GET /system/df. The engine runs one at a time and refuses a second ("a disk usage operation is already
 * running"), so callers at the same moment share one request, and a refusal caused by another client (the
 * docker CLI) is retried a few times.
 */
export function readDiskUsage(docker: Docker): Promise<DfResponse> {
  const running = inFlight.get(docker);
  if (running) return running;
  const df = (async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await docker.df()) as DfResponse;
      } catch (e) {
        const text = String((e as { json?: { message?: string } }).json?.message ?? (e as Error).message ?? e);
        if (!BUSY.test(text) || attempt >= 20) throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  })().finally(() => inFlight.delete(docker));
  inFlight.set(docker, df);
  return df;
}

/** The per-type summary rows, the engine's own numbers preferred. */
export function diskUsageGroups(d: DfResponse): DiskUsageGroup[] {
  const images = dfItems.images(d);
  const containers = dfItems.containers(d);
  const volumes = dfItems.volumes(d);
  const cache = dfItems.buildCache(d);

  // The CLI's rule: what images in use hold, minus what they share, cannot be reclaimed.
  const layers = d.LayersSize ?? sum(images.map((i) => i.Size));
  const imagesUsed = sum(
    images.filter((i) => (i.Containers ?? 0) > 0 && (i.SharedSize ?? -1) >= 0).map((i) => i.Size - (i.SharedSize ?? 0)),
  );
  const volumeSizes = volumes.map((v) => v.UsageData?.Size ?? -1);
  // No volumes is zero bytes; volumes none of whose sizes the engine could measure is unknown.
  const measured = volumes.length === 0 || volumeSizes.some((s) => s >= 0);
  const ownCache = cache.filter((c) => !c.Shared);

  return [
    {
      kind: 'images',
      total: d.ImageUsage?.TotalCount ?? images.length,
      active: d.ImageUsage?.ActiveCount ?? images.filter((i) => (i.Containers ?? 0) > 0).length,
      size: d.ImageUsage?.TotalSize ?? layers,
      reclaimable: d.ImageUsage?.Reclaimable ?? Math.max(0, layers - imagesUsed),
    },
    {
      kind: 'containers',
      total: d.ContainerUsage?.TotalCount ?? containers.length,
      active: d.ContainerUsage?.ActiveCount ?? containers.filter((c) => running(c.State)).length,
      size: d.ContainerUsage?.TotalSize ?? sum(containers.map((c) => c.SizeRw ?? 0)),
      reclaimable:
        d.ContainerUsage?.Reclaimable ?? sum(containers.filter((c) => !running(c.State)).map((c) => c.SizeRw ?? 0)),
    },
    {
      kind: 'volumes',
      total: d.VolumeUsage?.TotalCount ?? volumes.length,
      active: d.VolumeUsage?.ActiveCount ?? volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      // The engine leaves out zero totals (omitempty), so a missing one is only "unknown" if nothing was measured.
      size: d.VolumeUsage?.TotalSize ?? (measured ? sum(volumeSizes.filter((s) => s > 0)) : null),
      reclaimable:
        d.VolumeUsage?.Reclaimable ??
        (measured
          ? sum(
              volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).map((v) => Math.max(0, v.UsageData?.Size ?? 0)),
            )
          : null),
    },
    {
      kind: 'buildCache',
      total: d.BuildCacheUsage?.TotalCount ?? cache.length,
      active: d.BuildCacheUsage?.ActiveCount ?? cache.filter((c) => c.InUse).length,
      size: d.BuildCacheUsage?.TotalSize ?? sum(ownCache.map((c) => c.Size ?? 0)),
      reclaimable: d.BuildCacheUsage?.Reclaimable ?? sum(ownCache.filter((c) => !c.InUse).map((c) => c.Size ?? 0)),
    },
  ];
}

const nameOf = (c: DfContainer) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');

export function toDiskUsage(d: DfResponse): DiskUsage {
  return {
    groups: diskUsageGroups(d),
    images: dfItems.images(d).map((i) => ({
      id: i.Id,
      repoTags: (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      size: i.Size,
      sharedSize: (i.SharedSize ?? -1) >= 0 ? (i.SharedSize as number) : null,
      containers: Math.max(0, i.Containers ?? 0),
      created: i.Created ?? 0,
    })),
    containers: dfItems.containers(d).map((c) => ({
      id: c.Id,
      name: nameOf(c),
      image: c.Image ?? '',
      state: c.State ?? '',
      sizeRw: c.SizeRw ?? 0,
    })),
    volumes: dfItems.volumes(d).map((v) => ({
      name: v.Name,
      size: v.UsageData?.Size ?? -1,
      refCount: v.UsageData?.RefCount ?? 0,
      anonymous: isAnonymousVolume(v),
    })),
    buildCache: dfItems.buildCache(d).map((c) => ({
      id: c.ID,
      type: c.Type ?? '',
      description: c.Description ?? '',
      size: c.Size ?? 0,
      inUse: c.InUse ?? false,
      shared: c.Shared ?? false,
      ...(c.LastUsedAt ? { lastUsedAt: c.LastUsedAt } : {}),
      usageCount: c.UsageCount ?? 0,
    })),
  };
}
