/**
 * Berth itself and the machine it runs on: the app's version and shell, the engine connection, the
 * first-run environment check, what only the desktop shell can do (open a link, pick a file), and the
 * engine's disk usage with prune (`docker system df` / `prune`, schemas in diskUsage.ts).
 */
import { z } from 'zod';
import { call, stream } from './define';
import { NoInput, Ok } from './collection';
import { DiskUsage, PrunePreview, PruneRequest, PruneResult, PruneTarget } from './diskUsage';
import {
  DockerContexts,
  EngineTransport,
  HostKeyProblem,
  KeepContextInput,
  TrustHostKeyInput,
  UseContextInput,
} from './engines';

export const EngineState = z.object({
  status: z.enum(['connecting', 'connected', 'unreachable']),
  /** Where Berth looks for the engine, e.g. unix:///var/run/docker.sock, and how it found it. */
  endpoint: z.string(),
  source: z.string(),
  version: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  containers: z.object({ running: z.number(), paused: z.number(), stopped: z.number() }).optional(),
  /** Images as `docker images` lists them, each once however many tags it has (no build intermediates). */
  images: z.number().optional(),
  error: z.string().optional(),
  hint: z.string().optional(),
  /** Which engine answers the Docker API: Docker, or Podman's compatible service (no BuildKit, its own names). */
  engine: z.enum(['docker', 'podman']).optional(),
  /** The docker context it is, when it came from one. */
  context: z.string().optional(),
  /** How Berth reaches it: a socket, a pipe, plain tcp, tcp with TLS, or ssh. */
  transport: EngineTransport.optional(),
  /** Whether it runs on this machine (kind needs a local engine). */
  local: z.boolean().optional(),
  /** An ssh host key Berth refused (unknown: the user may trust it; changed: refused). */
  hostKey: HostKeyProblem.optional(),
  /** When the next attempt to connect is made (ms since epoch), while unreachable. */
  retryAt: z.number().optional(),
  /**
   * Since when Berth has been trying to reach the engine (ms since epoch: when it was chosen, or when it was
   * last lost), while connecting or unreachable; the status bar counts from it.
   */
  tryingSince: z.number().optional(),
});
export type EngineState = z.infer<typeof EngineState>;

/** One connected engine: the one in use or one kept beside it, named by its docker context. */
export const ConnectedEngine = EngineState.extend({
  /** The docker context ("default": DOCKER_HOST or the default socket; the endpoint, for a host set in Settings). */
  name: z.string(),
  /** The engine Berth's views, compose and kind work against. */
  inUse: z.boolean(),
});
export type ConnectedEngine = z.infer<typeof ConnectedEngine>;

export const ConnectedEngines = z.object({ engines: z.array(ConnectedEngine) });
export type ConnectedEngines = z.infer<typeof ConnectedEngines>;

export const AppInfo = z.object({
  version: z.string(),
  platform: z.string(),
  /** 'desktop' in Electron, 'web' through the loopback browser bridge. */
  shell: z.enum(['desktop', 'web']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PickPathInput = z.object({
  kind: z.enum(['file', 'folder']),
  title: z.string().max(200).optional(),
  filters: z.array(z.object({ name: z.string(), extensions: z.array(z.string()) })).optional(),
});

export const CheckFix = z.object({
  /** One sentence: what to do. */
  text: z.string(),
  /** A command to run in a terminal, when there is one. */
  command: z.string().optional(),
  /** Where to read more or download (http/https). */
  url: z.string().optional(),
});
export type CheckFix = z.infer<typeof CheckFix>;

export const EnvironmentCheck = z.object({
  id: z.enum(['engine', 'docker', 'compose', 'kind', 'kubectl', 'kubeconfig']),
  label: z.string(),
  found: z.boolean(),
  /** ok: usable; missing: not there; problem: there but not usable (engine down, broken binary). */
  status: z.enum(['ok', 'missing', 'problem']),
  /** Whether Berth needs it at all (only the engine is required). */
  required: z.boolean(),
  version: z.string().optional(),
  /** The binary or file that was found. */
  path: z.string().optional(),
  /** A short line of detail, e.g. "v1 (docker-compose)" or "current context kind-dev". */
  detail: z.string().optional(),
  /** What Berth can do with it, shown next to the check: "Compose view", "Kubernetes view". */
  usedFor: z.string(),
  hint: z.string().optional(),
  fix: CheckFix.optional(),
});
export type EnvironmentCheck = z.infer<typeof EnvironmentCheck>;

export const EnvironmentReport = z.object({
  platform: z.string(),
  checkedAt: z.number(),
  checks: z.array(EnvironmentCheck),
});
export type EnvironmentReport = z.infer<typeof EnvironmentReport>;

export const system = {
  info: call(NoInput, AppInfo),
  /** The engine connection, pushed whenever it changes (connect, drop, reconnect, counts). */
  engine: stream(NoInput, EngineState),
  /**
   * Every connected engine (the one in use first, then those kept connected beside it), pushed whenever one
   * of them changes or one is kept or let go: the status bar shows each one's state.
   */
  engines: stream(NoInput, ConnectedEngines),
  /** Opens an http(s) URL in the user's browser. Anything else is refused. */
  openExternal: call(z.object({ url: z.url({ protocol: /^https?$/ }) }), z.object({ opened: z.boolean() })),
  /** A native file/folder picker; null when the user cancelled or the shell has none (web). */
  pickPath: call(PickPathInput, z.object({ path: z.string().nullable() })),
  /**
   * Looks for the engine, docker compose, kind, kubectl and a kubeconfig; each with version and a fix. A
   * program's version is remembered while its file is unchanged; `again` asks every program afresh.
   */
  environment: call(z.object({ again: z.boolean().default(false) }).optional(), EnvironmentReport),
  /** `docker system df -v`: per type (images, containers, volumes, build cache) what is used and reclaimable. */
  diskUsage: call(NoInput, DiskUsage),
  /** What a prune of one type would remove and about how much space comes back; nothing is removed. */
  prunePreview: call(PruneTarget, PrunePreview),
  /** Prunes one type (volumes: only the ones named, see PruneRequest). */
  prune: call(PruneRequest, PruneResult),
  /** The docker contexts of the CLI's config dir, the CLI's current one and the one Berth uses marked. */
  contexts: call(NoInput, DockerContexts),
  /**
   * Connects Berth to a docker context now (and remembers it in Settings). Clears a host set in Settings,
   * which would otherwise win.
   */
  useContext: call(UseContextInput, DockerContexts),
  /**
   * Keeps a docker context connected beside the one in use (remembered in Settings' keptEngines), or lets it
   * go. An unknown name is not_found.
   */
  keepContext: call(KeepContextInput, DockerContexts),
  /** Trusts an unknown ssh host key (appends it to the user's known_hosts, as ssh does on "yes") and reconnects. */
  trustHostKey: call(TrustHostKeyInput, z.object({ file: z.string() })),
  /**
   * "Retry now": tries to reach the engine in use at once instead of waiting for the next attempt (the pauses
   * start again from the shortest). Nothing happens while it is connected.
   */
  reconnect: call(NoInput, Ok),
} as const;
