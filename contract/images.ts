/** The images part of the contract. */
import { z } from 'zod';
import { call, stream } from './define';
import { collectionEvent, NoInput, Ok, TaskStarted } from './collection';

export const ImageSummary = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  size: z.number(),
  created: z.number(),
  dangling: z.boolean(),
  labels: z.record(z.string(), z.string()),
});
export type ImageSummary = z.infer<typeof ImageSummary>;

/** An image reference as typed by a user (`redis`, `127.0.0.1:5000/team/app:1.2`); main validates its grammar. */
export const ImageReference = z.string().trim().min(1).max(512);
/** An image id (sha256:…, short id) or a reference. */
const ImageRef = z.string().trim().min(1).max(512);

export const ContainerRef = z.object({ id: z.string(), name: z.string() });
export type ContainerRef = z.infer<typeof ContainerRef>;

export const ImageLayer = z.object({
  id: z.string(),
  created: z.number(),
  createdBy: z.string(),
  size: z.number(),
  comment: z.string(),
  tags: z.array(z.string()),
  /** A metadata-only step (ENV, CMD, ...) that adds no files. */
  empty: z.boolean(),
});
export type ImageLayer = z.infer<typeof ImageLayer>;

export const ImageDetail = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  size: z.number(),
  created: z.string(),
  architecture: z.string(),
  os: z.string(),
  author: z.string(),
  config: z.object({
    entrypoint: z.array(z.string()),
    cmd: z.array(z.string()),
    env: z.array(z.string()),
    exposedPorts: z.array(z.string()),
    labels: z.record(z.string(), z.string()),
    workingDir: z.string(),
    user: z.string(),
    volumes: z.array(z.string()),
  }),
  history: z.array(ImageLayer),
  usedBy: z.array(ContainerRef),
});
export type ImageDetail = z.infer<typeof ImageDetail>;

export const BuildInput = z.object({
  /** The build context: an absolute folder path on the machine running Berth. */
  context: z.string().trim().min(1).max(4096),
  /** The Dockerfile, relative to the context. */
  dockerfile: z.string().trim().min(1).max(1024).default('Dockerfile'),
  /** Tags for the result, e.g. ["app:dev"]. */
  tags: z.array(ImageReference).max(20).default([]),
  buildArgs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(8192)).default({}),
  target: z.string().trim().max(128).optional(),
  noCache: z.boolean().default(false),
  /** Always pull newer base images. */
  pull: z.boolean().default(false),
  labels: z.record(z.string().min(1), z.string()).default({}),
});
export type BuildInput = z.input<typeof BuildInput>;

/** Where a build failed, so the UI can show the Dockerfile with the line highlighted (ApiError details). */
export const BuildFailure = z.object({
  step: z.number().nullable(),
  instruction: z.string().nullable(),
  dockerfile: z.string(),
  /** 1-based line in the Dockerfile, when it could be located. */
  line: z.number().nullable(),
  excerpt: z.array(z.object({ line: z.number(), text: z.string() })),
});
export type BuildFailure = z.infer<typeof BuildFailure>;

export const PruneMode = z.enum(['dangling', 'unused']);
export type PruneMode = z.infer<typeof PruneMode>;
const PruneInput = z.object({
  mode: PruneMode.default('dangling'),
  /** Only images with these labels (`key` or `key=value`), like `docker image prune --filter label=…`. */
  labels: z.array(z.string().min(1).max(512)).max(20).default([]),
});
export type PruneInput = z.input<typeof PruneInput>;

export const images = {
  list: call(NoInput, z.array(ImageSummary)),
  watch: stream(NoInput, collectionEvent(ImageSummary)),
  /** Config, layer history and the containers using it. */
  inspect: call(z.object({ id: ImageRef }), ImageDetail),
  /** Starts a pull task (per-layer steps, overall fraction, cancellable). */
  pull: call(z.object({ reference: ImageReference }), TaskStarted),
  /** Starts a push task for a local tag. */
  push: call(z.object({ reference: ImageReference }), TaskStarted),
  /** Starts a build task; its log streams live, a failing step becomes the task error (details: BuildFailure). */
  build: call(BuildInput, TaskStarted),
  tag: call(z.object({ source: ImageRef, target: ImageReference }), Ok),
  /**
   * Removes a tag (`repo:tag`) or an image (id). An image used by containers is refused with a conflict that
   * names them, unless `force`.
   */
  remove: call(
    z.object({ ref: ImageRef, force: z.boolean().default(false) }),
    z.object({ untagged: z.array(z.string()), deleted: z.array(z.string()) }),
  ),
  /** What a prune would remove and roughly how much space comes back; nothing is removed. */
  prunePreview: call(
    PruneInput,
    z.object({
      images: z.array(z.object({ id: z.string(), repoTags: z.array(z.string()), size: z.number() })),
      spaceReclaimed: z.number(),
    }),
  ),
  prune: call(PruneInput, z.object({ deleted: z.array(z.string()), spaceReclaimed: z.number() })),
} as const;
