/** The containers part of the contract. */
import { z } from 'zod';
import { call, stream } from './define';
import { collectionEvent, NoInput, Ok } from './collection';
import { LogSessionEvent } from './logs';
import { ContextName, OnEngine } from './engines';

/**
 * A container id (full or short) or name: Docker's grammar, so nothing that would change the engine API path
 * it is put into (`/`, `?`, `#`, `%`, spaces) gets through: the engine answers an unclean path with a redirect
 * that docker-modem follows to a host named after the path's first part (an uncaught error in main).
 */
export const ContainerId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'A container id or name: letters, digits, and _ . -');
const IdInput = z.object({ id: ContainerId });
/**
 * A lifecycle action's target: the container, on the engine in use, or on the connected engine `context`
 * names (one kept connected beside it; not_found when no engine by that name is connected).
 */
const ActionInput = IdInput.extend({ context: ContextName.optional() });

export const PortBinding = z.object({
  ip: z.string().optional(),
  privatePort: z.number(),
  publicPort: z.number().optional(),
  type: z.string(),
});
export type PortBinding = z.infer<typeof PortBinding>;

/**
 * A container as its list shows it: what the table, the stack's group row and the actions read. What only main
 * reads (labels, image id, mounts, networks: compose stacks, who uses an image, a volume, a network) stays in
 * main (main/common/listedContainer.ts), and so does not cross the socket 10,000 times; a container's
 * page has all of it (inspect).
 */
export const ContainerSummary = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  created: z.number(),
  state: z.string(),
  /** The engine's words when it was listed ("Up 5 minutes"); `since` lets the UI count on from there. */
  status: z.string(),
  /** Epoch ms when the current state began (started, exited), read back from `status` when listed. */
  since: z.number().optional(),
  ports: z.array(PortBinding),
  /** From the compose labels, when the container belongs to a stack. */
  composeProject: z.string().optional(),
  composeService: z.string().optional(),
});
export type ContainerSummary = z.infer<typeof ContainerSummary>;

// ---- Run ------------------------------------------------------------------------------------------

/** Docker's own rule for container names. */
export const CONTAINER_NAME_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/**
 * An image reference as docker accepts it: [registry[:port]/]path[:tag][@sha256:digest], or an image id.
 * Path components are lowercase; the tag is up to 128 word characters, dots and dashes.
 */
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
export const IMAGE_REF_RE = new RegExp(
  `^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?` +
    `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?` +
    `|(?:sha256:)?[a-f0-9]{12,64})$`,
);
export const ENV_NAME_RE = /^[^=\s][^=]*$/;

const describe = (input: unknown) => JSON.stringify(typeof input === 'string' ? input : String(input));

const Port = (field: string) =>
  z
    .number({ error: `${field} must be a number.` })
    .int({ error: `${field} must be a whole number.` })
    .min(1, { error: `${field} must be between 1 and 65535.` })
    .max(65535, { error: `${field} must be between 1 and 65535.` });

export const RunPort = z.object({
  /** The host address to publish on; loopback unless the user widens it. */
  hostIp: z.union([z.ipv4(), z.ipv6()], { error: 'Host IP must be an IPv4 or IPv6 address.' }).default('127.0.0.1'),
  /** Empty means a free port picked by the engine. */
  hostPort: Port('Host port').optional(),
  containerPort: Port('Container port'),
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
});
export type RunPort = z.infer<typeof RunPort>;

export const RunMount = z
  .object({
    type: z.enum(['volume', 'bind']),
    /** A volume name (empty for an anonymous volume) or an absolute host path for a bind mount. */
    source: z.string().max(4096).default(''),
    target: z
      .string()
      .min(1, { error: 'Container path is required.' })
      .regex(/^\//, { error: 'Container path must be absolute (start with /).' }),
    readOnly: z.boolean().default(false),
  })
  .check((ctx) => {
    const m = ctx.value;
    if (m.type === 'bind' && !m.source.startsWith('/')) {
      ctx.issues.push({
        code: 'custom',
        input: m.source,
        path: ['source'],
        message: 'A bind mount needs an absolute host path (start with /).',
      });
    }
    if (m.type === 'volume' && m.source && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(m.source)) {
      ctx.issues.push({
        code: 'custom',
        input: m.source,
        path: ['source'],
        message: `Invalid volume name ${describe(m.source)}: use letters, digits, _ . -`,
      });
    }
  });
export type RunMount = z.infer<typeof RunMount>;

export const RestartPolicy = z.enum(['no', 'always', 'unless-stopped', 'on-failure']);
export type RestartPolicy = z.infer<typeof RestartPolicy>;

export const RunSpec = z
  .object({
    image: z
      .string()
      .trim()
      .min(1, { error: 'Image is required.' })
      .max(512)
      .regex(IMAGE_REF_RE, {
        error: (iss) =>
          `Invalid image reference ${describe(iss.input)}: expected name[:tag], lowercase, e.g. redis:7 or registry.local:5000/app:1.0.`,
      }),
    name: z
      .string()
      .trim()
      .max(128)
      .regex(CONTAINER_NAME_RE, {
        error: (iss) =>
          `Invalid container name ${describe(iss.input)}: it must start with a letter or digit and use only letters, digits, _ . - (at least 2 characters).`,
      })
      .optional(),
    /** The command and its arguments; empty keeps the image's CMD. */
    command: z.array(z.string().max(32_768)).max(1000).default([]),
    ports: z.array(RunPort).max(200).default([]),
    env: z
      .array(
        z.object({
          name: z.string().regex(ENV_NAME_RE, {
            error: (iss) => `Invalid environment variable name ${describe(iss.input)}.`,
          }),
          value: z.string().max(131_072),
        }),
      )
      .max(1000)
      .default([]),
    /** A KEY=VALUE file on this machine, read by Berth (as `docker run --env-file`). */
    envFile: z.string().max(4096).optional(),
    mounts: z.array(RunMount).max(100).default([]),
    restartPolicy: RestartPolicy.default('no'),
    /** A network name; empty keeps the engine's default bridge. */
    network: z.string().max(256).optional(),
    autoRemove: z.boolean().default(false),
  })
  .check((ctx) => {
    const seen = new Map<string, number>();
    ctx.value.ports.forEach((p, i) => {
      if (p.hostPort === undefined) return;
      const key = `${p.hostIp}:${p.hostPort}/${p.protocol}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.issues.push({
          code: 'custom',
          input: p.hostPort,
          path: ['ports', i, 'hostPort'],
          message: `Host port ${p.hostPort}/${p.protocol} is used twice (rows ${first + 1} and ${i + 1}).`,
        });
      } else seen.set(key, i);
    });
    if (ctx.value.autoRemove && ctx.value.restartPolicy !== 'no') {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.restartPolicy,
        path: ['restartPolicy'],
        message: 'Auto-remove cannot be combined with a restart policy.',
      });
    }
  });
export type RunSpec = z.input<typeof RunSpec>;
export type RunSpecParsed = z.output<typeof RunSpec>;

export const RunResult = z.object({ id: z.string(), name: z.string(), warnings: z.array(z.string()) });
export type RunResult = z.infer<typeof RunResult>;

// ---- Bulk -----------------------------------------------------------------------------------------

export const BulkAction = z.enum(['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove']);
export type BulkAction = z.infer<typeof BulkAction>;

export const BulkResult = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
export type BulkResult = z.infer<typeof BulkResult>;

// ---- Logs -----------------------------------------------------------------------------------------

export const LogLine = z.object({
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  /** RFC 3339 timestamp from the engine, when timestamps were asked for. */
  time: z.string().optional(),
});
export type LogLine = z.infer<typeof LogLine>;

export const LogsInput = z.object({
  id: ContainerId,
  follow: z.boolean().default(true),
  /** How many of the last lines to send first; 'all' for the whole log. */
  tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]).default(1000),
  timestamps: z.boolean().default(false),
  /** Only lines containing this text (case-insensitive). */
  filter: z.string().max(1000).optional(),
});

export const LogsEvent = z.object({
  lines: z.array(LogLine),
  /** Lines main dropped because they came faster than they could be delivered (bounded memory). */
  dropped: z.number().int().min(0),
});
export type LogsEvent = z.infer<typeof LogsEvent>;

// ---- Terminal -------------------------------------------------------------------------------------

const TermSize = { cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) };

export const TerminalInput = z.object({
  id: ContainerId,
  /** 'auto' picks bash, then sh. */
  shell: z.string().max(256).default('auto'),
  /** Runs this command instead of a shell. */
  command: z.array(z.string()).max(100).optional(),
  ...TermSize,
});

export const TerminalEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), sessionId: z.string(), command: z.array(z.string()) }),
  z.object({ type: z.literal('output'), data: z.string() }),
  z.object({ type: z.literal('exit'), code: z.number().nullable() }),
]);
export type TerminalEvent = z.infer<typeof TerminalEvent>;

const SessionId = z.string().min(1).max(100);

// ---- Stats ----------------------------------------------------------------------------------------

export const StatsSample = z.object({
  /** Milliseconds since the epoch. */
  time: z.number(),
  /** Of one CPU: 200 means two cores busy. Null for the first sample (no previous reading). */
  cpuPercent: z.number().nullable(),
  onlineCpus: z.number(),
  memoryUsage: z.number(),
  memoryLimit: z.number(),
  memoryPercent: z.number(),
  networkRx: z.number(),
  networkTx: z.number(),
  blockRead: z.number(),
  blockWrite: z.number(),
  pids: z.number(),
});
export type StatsSample = z.infer<typeof StatsSample>;

export const ContainerUsage = z.object({ id: ContainerId, sample: StatsSample });
export type ContainerUsage = z.infer<typeof ContainerUsage>;

export const containers = {
  list: call(z.object({ all: z.boolean().default(true) }).optional(), z.array(ContainerSummary)),
  /** The live container list: snapshot, then upserts/removals from Docker's event stream. */
  watch: stream(NoInput, collectionEvent(ContainerSummary)),
  /**
   * The containers of one connected engine, live: the one in use or one kept connected beside it (its docker
   * context name, as system.engines names it). Any other name is not_found.
   */
  watchOn: stream(OnEngine, collectionEvent(ContainerSummary)),
  inspect: call(IdInput, z.record(z.string(), z.unknown())),
  /** The lifecycle actions act on the engine in use, or on a connected engine named by `context`. */
  start: call(ActionInput, Ok),
  stop: call(ActionInput.extend({ timeoutSeconds: z.number().int().min(0).max(600).optional() }), Ok),
  restart: call(ActionInput, Ok),
  pause: call(ActionInput, Ok),
  unpause: call(ActionInput, Ok),
  kill: call(
    ActionInput.extend({
      signal: z
        .string()
        .regex(/^[A-Z0-9]+$/)
        .optional(),
    }),
    Ok,
  ),
  remove: call(
    ActionInput.extend({
      force: z.boolean().default(false),
      /** Also remove the container's anonymous volumes; only when the user asked. */
      volumes: z.boolean().default(false),
    }),
    Ok,
  ),
  /** One action on many containers; each result says whether it worked, so nothing fails silently. */
  bulk: call(
    z.object({
      action: BulkAction,
      ids: z.array(ContainerId).min(1).max(500),
      force: z.boolean().default(false),
      volumes: z.boolean().default(false),
    }),
    BulkResult,
  ),
  /** Creates and starts a container (`docker run -d`). Nothing is left behind when it fails. */
  run: call(RunSpec, RunResult),
  /** The container's log: the last `tail` lines, then new lines while `follow`. */
  logs: stream(LogsInput, LogsEvent),
  /**
   * The container's whole log, kept by main while subscribed (a log session; contract/logs.ts): 'opened'
   * with the session's id, then its state as lines arrive. Unsubscribing deletes it.
   */
  logSession: stream(IdInput, LogSessionEvent),
  /** An interactive `docker exec` with a TTY. Write with terminalWrite, resize with terminalResize. */
  terminal: stream(TerminalInput, TerminalEvent),
  terminalWrite: call(z.object({ sessionId: SessionId, data: z.string().max(1_000_000) }), Ok),
  terminalResize: call(z.object({ sessionId: SessionId, ...TermSize }), Ok),
  /** Live resource usage, about one sample a second while the container runs. */
  stats: stream(IdInput, StatsSample),
  /**
   * One reading of resource usage for each of several running containers (a table's live CPU and memory
   * cells, asked for every few seconds). CPU is measured since this call's previous reading of the same
   * container, so it is null the first time; a container that is gone or stopped is left out.
   */
  usage: call(z.object({ ids: z.array(ContainerId).min(1).max(200) }), z.array(ContainerUsage)),
} as const;
