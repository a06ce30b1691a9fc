/**
 * The docker CLI's contexts, read from its config dir as `docker context ls` reads them: one
 * `contexts/meta/<sha256 of the name>/meta.json` per context (its docker endpoint's Host and
 * SkipTLSVerify), the TLS material the CLI stored beside it under `contexts/tls/<same hash>/docker/`, and
 * which one is current (DOCKER_CONTEXT, else config.json's currentContext; "default" is DOCKER_HOST or the
 * default socket). Only paths are kept: the key's contents are read when connecting, never carried around.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export interface ContextsEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  exists: (path: string) => boolean;
  readFile: (path: string) => string | undefined;
  listDir: (path: string) => string[];
}

/** TLS for a tcp:// endpoint: where ca.pem, cert.pem and key.pem are, and whether the server is verified. */
export interface EndpointTls {
  certDir: string;
  verify: boolean;
}

export interface DockerContextEntry {
  name: string;
  description: string;
  host: string;
  tls?: EndpointTls;
}

/** The docker CLI's config dir: DOCKER_CONFIG or ~/.docker. */
export const dockerConfigDir = (e: Pick<ContextsEnv, 'env' | 'home'>): string =>
  e.env.DOCKER_CONFIG || join(e.home, '.docker');

const contextHash = (name: string) => createHash('sha256').update(name).digest('hex');

interface MetaFile {
  Name?: string;
  Metadata?: { Description?: string };
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function parse<T>(raw: string | undefined): T | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

function entryOf(
  e: ContextsEnv,
  dir: string,
  hash: string,
  meta: MetaFile | undefined,
  name = meta?.Name,
): DockerContextEntry | undefined {
  const host = meta?.Endpoints?.docker?.Host;
  if (!meta || !name || !host) return undefined;
  const certDir = join(dir, 'contexts', 'tls', hash, 'docker');
  const skipVerify = meta.Endpoints?.docker?.SkipTLSVerify === true;
  const hasMaterial = ['ca.pem', 'cert.pem', 'key.pem'].some((f) => e.exists(join(certDir, f)));
  const tls = hasMaterial || skipVerify ? { certDir, verify: !skipVerify } : undefined;
  return { name, description: meta.Metadata?.Description ?? '', host, ...(tls ? { tls } : {}) };
}

/** One context by name (undefined for "default" or a name with no meta.json). */
export function readContext(e: ContextsEnv, name: string): DockerContextEntry | undefined {
  if (name === 'default') return undefined;
  const dir = dockerConfigDir(e);
  const hash = contextHash(name);
  return entryOf(e, dir, hash, parse<MetaFile>(e.readFile(join(dir, 'contexts', 'meta', hash, 'meta.json'))), name);
}

/** Every context the CLI has stored (not "default"), sorted by name. */
export function listContexts(e: ContextsEnv): DockerContextEntry[] {
  const dir = dockerConfigDir(e);
  const metaDir = join(dir, 'contexts', 'meta');
  return e
    .listDir(metaDir)
    .map((hash) => entryOf(e, dir, hash, parse<MetaFile>(e.readFile(join(metaDir, hash, 'meta.json')))))
    .filter((c): c is DockerContextEntry => !!c)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The CLI's current context, in the CLI's order: "default" when DOCKER_HOST is set (it wins), else
 * DOCKER_CONTEXT, else config.json's currentContext, else "default".
 */
export function currentContextName(e: Pick<ContextsEnv, 'env' | 'home' | 'readFile'>): string {
  if (e.env.DOCKER_HOST) return 'default';
  if (e.env.DOCKER_CONTEXT) return e.env.DOCKER_CONTEXT;
  const config = parse<{ currentContext?: string }>(e.readFile(join(dockerConfigDir(e), 'config.json')));
  return config?.currentContext || 'default';
}
