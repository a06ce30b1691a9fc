/**
 * Engines, part of the system domain: the docker contexts Berth can connect to (the CLI's current one
 * marked), which one Berth uses, and an ssh host key the user is asked to trust. Nothing secret crosses
 * here: a context names its TLS folder, never a key; a host key is public.
 */
import { z } from 'zod';

export const EngineTransport = z.enum(['unix', 'npipe', 'tcp', 'tls', 'ssh']);
export type EngineTransport = z.infer<typeof EngineTransport>;

/** An ssh host key Berth refused: unknown (the user may trust it), changed or revoked (refused outright). */
export const HostKeyProblem = z.object({
  host: z.string(),
  port: z.number().int(),
  /** ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa, … */
  type: z.string(),
  /** SHA256:… as ssh prints it. */
  fingerprint: z.string(),
  /** The public key, base64, so trusting writes exactly what was shown. */
  key: z.string(),
  status: z.enum(['unknown', 'changed', 'revoked']),
  /** The known_hosts file it would be added to (or is listed in). */
  knownHostsFile: z.string(),
});
export type HostKeyProblem = z.infer<typeof HostKeyProblem>;

export const DockerContext = z.object({
  name: z.string(),
  description: z.string(),
  /** Its docker endpoint: unix://, npipe://, tcp:// or ssh://. */
  host: z.string(),
  /** TLS material is stored with it (or it skips verification: tlsVerify false). */
  tls: z.boolean(),
  tlsVerify: z.boolean(),
  /** The docker CLI's current context (DOCKER_HOST, DOCKER_CONTEXT or config.json's currentContext). */
  current: z.boolean(),
  /** The one Berth is connected to. */
  inUse: z.boolean(),
  /** Kept connected beside the one in use (Settings' keptEngines): its state and containers stay live. */
  kept: z.boolean(),
  /** Whether it runs on this machine (kind needs a local engine). */
  local: z.boolean(),
});
export type DockerContext = z.infer<typeof DockerContext>;

export const DockerContexts = z.object({
  contexts: z.array(DockerContext),
  /** The CLI's config dir they were read from (DOCKER_CONFIG or ~/.docker). */
  configDir: z.string(),
  /** A host set in Settings overrides any context. */
  hostOverride: z.string().optional(),
});
export type DockerContexts = z.infer<typeof DockerContexts>;

/** Trusts an unknown ssh host key: the exact key that was shown (a changed key is never accepted here). */
export const TrustHostKeyInput = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  type: z
    .string()
    .regex(/^[a-z0-9@.-]+$/i)
    .max(64),
  key: z
    .string()
    .regex(/^[A-Za-z0-9+/=]+$/)
    .max(4096),
  fingerprint: z.string().max(128),
});
export type TrustHostKeyInput = z.infer<typeof TrustHostKeyInput>;

/** A docker context's name ("default" is DOCKER_HOST or the default socket). */
export const ContextName = z.string().min(1).max(200);

/**
 * Which connected engine a call is about, by its docker context name as system.engines names it: the one in
 * use or one kept connected beside it. Any other name is not_found.
 */
export const OnEngine = z.object({ context: ContextName });
export type OnEngine = z.infer<typeof OnEngine>;

/** Keeps a docker context connected beside the one in use, or lets it go (closing its connection). */
export const KeepContextInput = z.object({ name: ContextName, keep: z.boolean() });
export type KeepContextInput = z.infer<typeof KeepContextInput>;

/** Switches Berth to a docker context (its name; "default" is DOCKER_HOST or the default socket). */
export const UseContextInput = z.object({ name: ContextName });
