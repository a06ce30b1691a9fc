/**
 * The images part of the contract. Both image stores are described: the classic one (Engine 20.10, or 29 with
 * the containerd snapshotter off), where an id is the config digest, and the containerd store (Engine 29's
 * default), where an id is the manifest or index digest and one image may hold several platforms.
 */
import { z } from 'zod';
import { call, stream } from './define';
import { OnEngine } from './engines';
import { collectionEvent, NoInput, Ok, TaskStarted } from './collection';
import { registries } from './registries';

export const ImageSummary = z.object({
  /** The config digest (classic store) or the manifest/index digest (containerd store), as a container names its image. */
  id: z.string(),
  repoTags: z.array(z.string()),
  /**
   * `name@digest`. On the containerd store every named image has one, pushed or not (it is the local index
   * digest), so it does not prove a registry has the image; ImageDetail.origin says where it came from.
   */
  repoDigests: z.array(z.string()),
  /** What the engine counts: on the containerd store the content plus the unpacked snapshots. */
  size: z.number(),
  created: z.number(),
  dangling: z.boolean(),
  labels: z.record(z.string(), z.string()),
  /** How many containers (any state) use it, from main's live container list; absent until those are listed. */
  containers: z.number().optional(),
  /** The containerd store only: the platforms present locally ("linux/amd64"), attestation manifests left out. */
  platforms: z.array(z.string()).optional(),
  /** The containerd store only: compressed content in the store (layers, configs, attestations). */
  contentSize: z.number().optional(),
  /** The containerd store only: the unpacked snapshots of its platforms. */
  unpackedSize: z.number().optional(),
});
export type ImageSummary = z.infer<typeof ImageSummary>;

/** An image reference as typed by a user (`redis`, `127.0.0.1:5000/team/app:1.2`); main validates its grammar. */
export const ImageReference = z.string().trim().min(1).max(512);
/**
 * An image id (sha256:…, short id) or a reference. Only the characters those use, so nothing that would
 * change the engine API path it is put into (`?`, `#`, `%`, `//`, `..`, spaces) gets through.
 */
const ImageRef = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9._:@+-]*(\/[a-zA-Z0-9][a-zA-Z0-9._:@+-]*)*$/,
    'An image id or reference: letters, digits, and _ . : @ + -, its parts separated by single slashes',
  );

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

export const PlatformImage = z.object({
  platform: z.string(),
  /** The platform manifest's digest. */
  digest: z.string(),
  /** Whether its content is in the local store (an index may name platforms that were never pulled). */
  available: z.boolean(),
  contentSize: z.number(),
  unpackedSize: z.number(),
  /** Containers running this platform's image. */
  containers: z.number(),
});
export type PlatformImage = z.infer<typeof PlatformImage>;

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
  /** The containerd store only: each platform image in it (attestation manifests are counted, not listed). */
  platforms: z.array(PlatformImage).optional(),
  /** The containerd store only: how many attestation manifests (provenance, SBOM) the index holds. */
  attestations: z.number().optional(),
  /** The containerd store only: where the image came from, per the engine's record of it. */
  origin: z
    .object({
      /** Built on this engine (BuildKit). */
      built: z.boolean(),
      /** The repositories it was pulled from. */
      pulledFrom: z.array(z.string()),
    })
    .optional(),
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
  /**
   * `auto` builds with BuildKit (the user's `docker buildx`) when the engine's default builder is BuildKit and
   * buildx is installed, else with the engine's classic builder; `buildkit` and `classic` insist.
   */
  builder: z.enum(['auto', 'buildkit', 'classic']).default('auto'),
});
export type BuildInput = z.input<typeof BuildInput>;
export type Builder = z.infer<typeof BuildInput>['builder'];

/** Where a build failed, so the UI can show the Dockerfile with the line highlighted (ApiError details). */
export const BuildFailure = z.object({
  step: z.number().nullable(),
  instruction: z.string().nullable(),
  dockerfile: z.string(),
  /** 1-based line in the Dockerfile, when it could be located. */
  line: z.number().nullable(),
  excerpt: z.array(z.object({ line: z.number(), text: z.string() })),
  /** The failing step's own output (BuildKit keeps it per step), last lines. */
  output: z.array(z.string()).optional(),
  /** The stage the failing step belongs to, when the builder names it (BuildKit: `[build 2/3] RUN …`). */
  stage: z.string().optional(),
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
  /** The images of one connected engine, live: the one in use or one kept connected beside it. */
  watchOn: stream(OnEngine, collectionEvent(ImageSummary)),
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
  /** Registry sign-in through the user's docker CLI and credential helper (Settings › Registries). */
  ...registries,
} as const;
