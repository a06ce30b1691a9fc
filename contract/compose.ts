/** The compose part of the contract: stacks found on the engine and compose files opened by the user. */
import { z } from 'zod';
import { call, stream } from './define';
import { collectionEvent, NoInput, TaskStarted } from './collection';
import { PortBinding } from './containers';

export const ComposeTool = z.object({
  available: z.boolean(),
  /** 'docker compose' (v2 plugin) or 'docker-compose' (v1). */
  command: z.string().optional(),
  version: z.string().optional(),
  hint: z.string().optional(),
});
export type ComposeTool = z.infer<typeof ComposeTool>;

/** A path on the machine main runs on: absolute, or starting with `~/`. */
export const FilePath = z.string().trim().min(1).max(4096);
/** Compose's own rule for project names. */
export const ProjectName = z
  .string()
  .max(100)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "-" and "_", starting with a letter or digit');
const ServiceName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
const Profile = ServiceName;

export const ComposeBuild = z.object({
  /** Absolute path of the build context (or a URL, as written). */
  context: z.string(),
  dockerfile: z.string().optional(),
  /** False when a local context folder does not exist. */
  exists: z.boolean(),
});

export const ComposeServiceSpec = z.object({
  name: z.string(),
  image: z.string().optional(),
  build: ComposeBuild.optional(),
  /** As written, e.g. "127.0.0.1:8080:80" or "8080:80/udp". */
  ports: z.array(z.string()),
  volumes: z.array(z.string()),
  dependsOn: z.array(z.string()),
  profiles: z.array(z.string()),
  command: z.string().optional(),
});
export type ComposeServiceSpec = z.infer<typeof ComposeServiceSpec>;

/** A compose file as parsed in main, before anything runs. */
export const ComposeFile = z.object({
  path: z.string(),
  dir: z.string(),
  /** The project name Berth uses unless the user picks another. */
  project: z.string(),
  services: z.array(ComposeServiceSpec),
  volumes: z.array(z.string()),
  networks: z.array(z.string()),
  profiles: z.array(z.string()),
});
export type ComposeFile = z.infer<typeof ComposeFile>;

export const ComposeValidation = z.object({
  ok: z.boolean(),
  /** The CLI's own words when it refused the file. */
  message: z.string().optional(),
});
export type ComposeValidation = z.infer<typeof ComposeValidation>;

export const StackContainer = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  status: z.string(),
  /** Epoch ms when the current state began (see ContainerSummary.since). */
  since: z.number().optional(),
  ports: z.array(PortBinding),
});
export type StackContainer = z.infer<typeof StackContainer>;

export const StackService = z.object({
  name: z.string(),
  containers: z.array(StackContainer),
});
export type StackService = z.infer<typeof StackService>;

/** A compose project found on the engine by its container labels, whoever started it. */
export const ComposeStack = z.object({
  name: z.string(),
  workingDir: z.string().optional(),
  /** Absolute paths of the files it came from. */
  configFiles: z.array(z.string()),
  services: z.array(StackService),
  running: z.number(),
  total: z.number(),
  state: z.enum(['running', 'partial', 'stopped']),
});
export type ComposeStack = z.infer<typeof ComposeStack>;

const Options = {
  profiles: z.array(Profile).max(50).default([]),
  envFile: FilePath.optional(),
};

/** Which stack an action is for; without `file`, Berth uses the files named in the stack's labels. */
export const StackTarget = z.object({
  project: ProjectName,
  file: FilePath.optional(),
  ...Options,
});
export type StackTarget = z.input<typeof StackTarget>;

export const UpInput = z.object({
  file: FilePath,
  project: ProjectName.optional(),
  build: z.boolean().default(false),
  pull: z.boolean().default(false),
  forceRecreate: z.boolean().default(false),
  services: z.array(ServiceName).max(500).default([]),
  ...Options,
});
export type UpInput = z.input<typeof UpInput>;

export const StackAction = z.enum(['start', 'stop', 'restart', 'pull', 'build']);
export type StackAction = z.infer<typeof StackAction>;

export const LogLine = z.object({
  service: z.string(),
  container: z.string(),
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;

export const compose = {
  /**
   * Which compose CLI Berth uses and its version; with neither installed, how to get one. Answered from what
   * Berth found at start (looked for in the background); `again` looks again (after installing one).
   */
  tool: call(z.object({ again: z.boolean().default(false) }).optional(), ComposeTool),
  /** Parses a compose file (or the compose file in a folder); a YAML error comes back with line and column. */
  open: call(z.object({ path: FilePath }), ComposeFile),
  /** Asks the CLI (`config -q`) whether it accepts the file: unknown keys, missing build contexts, ... */
  validate: call(z.object({ file: FilePath, project: ProjectName.optional(), ...Options }), ComposeValidation),
  /**
   * Watches an opened compose file, the `.env` beside it and an env file the user named: one event per
   * change on disk (after a short quiet time), so the preview and the CLI's verdict never go stale.
   */
  watchFile: stream(z.object({ path: FilePath, envFile: FilePath.optional() }), z.object({ changed: z.string() })),
  /** Every compose project on the engine, live. */
  stacks: stream(NoInput, collectionEvent(ComposeStack)),
  up: call(UpInput, TaskStarted),
  down: call(StackTarget.extend({ removeVolumes: z.boolean().default(false) }), TaskStarted),
  /** start, stop, restart, pull or build a stack, or some of its services. */
  run: call(
    StackTarget.extend({ action: StackAction, services: z.array(ServiceName).max(500).default([]) }),
    TaskStarted,
  ),
  scale: call(StackTarget.extend({ service: ServiceName, replicas: z.number().int().min(0).max(100) }), TaskStarted),
  /** Merged logs of a stack's containers (or some services), following new containers as they start. */
  logs: stream(
    z.object({
      project: ProjectName,
      services: z.array(ServiceName).max(500).default([]),
      tail: z.number().int().min(0).max(10_000).default(200),
    }),
    z.object({ lines: z.array(LogLine) }),
  ),
} as const;
