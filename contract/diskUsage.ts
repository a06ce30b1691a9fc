/**
 * Disk usage, part of the system domain: what `docker system df -v` reports per type (images, containers,
 * volumes, build cache) with what could be reclaimed, and prune for each type with a preview first. The
 * same shape on Engine 20.10 (API 1.41) and 29 (its `*Usage` fields), whichever the engine answers with.
 */
import { z } from 'zod';
import { PruneMode } from './images';

export const DiskUsageKind = z.enum(['images', 'containers', 'volumes', 'buildCache']);
export type DiskUsageKind = z.infer<typeof DiskUsageKind>;

/** One row of `docker system df`. */
export const DiskUsageGroup = z.object({
  kind: DiskUsageKind,
  /** How many there are, and how many are in use (by a container; build cache: by a running build). */
  total: z.number(),
  active: z.number(),
  /** Bytes on disk; null when the engine did not measure it. */
  size: z.number().nullable(),
  /** Bytes a prune of everything unused would give back. */
  reclaimable: z.number().nullable(),
});
export type DiskUsageGroup = z.infer<typeof DiskUsageGroup>;

export const DiskUsageImage = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  size: z.number(),
  /** Bytes shared with other images; null when unknown. */
  sharedSize: z.number().nullable(),
  containers: z.number(),
  created: z.number(),
});
export const DiskUsageContainer = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  /** The container's writable layer. */
  sizeRw: z.number(),
});
export const DiskUsageVolume = z.object({
  name: z.string(),
  /** -1 when the engine could not measure it (a volume driver other than local). */
  size: z.number(),
  /** How many containers (any state) mount it. */
  refCount: z.number(),
  anonymous: z.boolean(),
});
export const DiskUsageBuildCache = z.object({
  id: z.string(),
  type: z.string(),
  description: z.string(),
  size: z.number(),
  inUse: z.boolean(),
  /** Shared with an image: pruning it would not free its bytes. */
  shared: z.boolean(),
  lastUsedAt: z.string().optional(),
  usageCount: z.number(),
});

export const DiskUsage = z.object({
  groups: z.array(DiskUsageGroup),
  images: z.array(DiskUsageImage),
  containers: z.array(DiskUsageContainer),
  volumes: z.array(DiskUsageVolume),
  buildCache: z.array(DiskUsageBuildCache),
});
export type DiskUsage = z.infer<typeof DiskUsage>;

/** Volumes: `anonymous` (Engine 23+'s default: unnamed volumes) or `all` unused ones (20.10's default). */
export const VolumePruneMode = z.enum(['anonymous', 'all']);
/** Build cache: `dangling` (what `docker builder prune` removes) or `all` unused records (`--all`). */
export const BuildCachePruneMode = z.enum(['dangling', 'all']);

/** Only what carries these labels (`key` or `key=value`), like `--filter label=…` of the docker CLI. */
const LabelFilter = z.array(z.string().min(1).max(512)).max(20).default([]);

/** What to prune: one type, and how much of it. */
export const PruneTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('images'), mode: PruneMode.default('dangling'), labels: LabelFilter }),
  z.object({ kind: z.literal('containers'), labels: LabelFilter }),
  z.object({ kind: z.literal('volumes'), mode: VolumePruneMode.default('anonymous') }),
  z.object({ kind: z.literal('buildCache'), mode: BuildCachePruneMode.default('dangling') }),
]);
export type PruneTarget = z.input<typeof PruneTarget>;

/**
 * A prune request. Volumes hold data, so their prune removes exactly the volumes named (those the user saw in
 * the preview and confirmed), each only if still unused; the other types are pruned by the engine.
 */
export const PruneRequest = z.discriminatedUnion('kind', [
  PruneTarget.options[0],
  PruneTarget.options[1],
  PruneTarget.options[2].extend({ names: z.array(z.string().min(1).max(255)).min(1).max(10_000) }),
  PruneTarget.options[3],
]);
export type PruneRequest = z.input<typeof PruneRequest>;

export const PrunePreview = z.object({
  kind: DiskUsageKind,
  items: z.array(
    z.object({
      id: z.string(),
      /** A tag, a container or volume name, or a build step's description. */
      name: z.string(),
      size: z.number(),
    }),
  ),
  /** About how many bytes come back. */
  spaceReclaimed: z.number(),
});
export type PrunePreview = z.infer<typeof PrunePreview>;

export const PruneResult = z.object({
  kind: DiskUsageKind,
  /** Ids or names of what was removed. */
  removed: z.array(z.string()),
  /** Bytes the engine reports freed. */
  spaceReclaimed: z.number(),
  /** Volumes that were in use by then and so kept. */
  kept: z.array(z.string()),
});
export type PruneResult = z.infer<typeof PruneResult>;
