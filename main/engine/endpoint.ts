/**
 * Finds the Docker engine the way the docker CLI does: DOCKER_HOST (with DOCKER_TLS_VERIFY and
 * DOCKER_CERT_PATH), then the current docker context (with the TLS material stored beside it), then the
 * well-known sockets of Docker Engine, Docker Desktop, rootless Docker, colima, Rancher Desktop, OrbStack
 * and Podman, and on Windows the named pipe. What the user chose in Berth (a context or a host in
 * Settings) comes first.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { currentContextName, dockerConfigDir, readContext, type ContextsEnv, type EndpointTls } from './dockerContexts';

export { dockerConfigDir };

export interface EngineEndpoint {
  /** unix:///path, npipe:////./pipe/name, tcp://host:port or ssh://user@host:port */
  url: string;
  /** How it was found, shown to the user: "DOCKER_HOST", "docker context desktop-linux", "default socket". */
  source: string;
  /** The docker context it is, when it came from one (the CLI then gets `DOCKER_CONTEXT`). */
  context?: string;
  /** TLS for tcp://: never plain http once this is set. */
  tls?: EndpointTls;
}

/** What the user picked in Berth: a host (Settings) wins over a context; neither means the CLI's choice. */
export interface EngineChoice {
  host?: string;
  context?: string;
}

export interface EndpointEnv extends ContextsEnv {
  platform: NodeJS.Platform;
}

export const defaultEndpointEnv = (): EndpointEnv => ({
  env: process.env,
  home: homedir(),
  platform: process.platform,
  exists: existsSync,
  readFile: (p) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  listDir: (p) => {
    try {
      return readdirSync(p);
    } catch {
      return [];
    }
  },
});

export function candidateSockets(
  e: Pick<EndpointEnv, 'env' | 'home' | 'platform'>,
): Array<{ path: string; source: string }> {
  if (e.platform === 'win32') return [];
  const runtime = e.env.XDG_RUNTIME_DIR;
  const list = [
    { path: '/var/run/docker.sock', source: 'default socket' },
    { path: join(e.home, '.docker', 'run', 'docker.sock'), source: 'Docker Desktop' },
    { path: join(e.home, '.docker', 'desktop', 'docker.sock'), source: 'Docker Desktop' },
    ...(runtime ? [{ path: join(runtime, 'docker.sock'), source: 'rootless Docker' }] : []),
    { path: join(e.home, '.colima', 'default', 'docker.sock'), source: 'colima' },
    { path: join(e.home, '.colima', 'docker.sock'), source: 'colima' },
    { path: join(e.home, '.rd', 'docker.sock'), source: 'Rancher Desktop' },
    { path: join(e.home, '.orbstack', 'run', 'docker.sock'), source: 'OrbStack' },
    ...(runtime ? [{ path: join(runtime, 'podman', 'podman.sock'), source: 'Podman' }] : []),
    { path: '/run/podman/podman.sock', source: 'Podman' },
  ];
  return list;
}

/**
 * TLS as the CLI takes it from the environment: DOCKER_TLS_VERIFY (any value but empty) verifies the server
 * with DOCKER_CERT_PATH's (or ~/.docker's) ca.pem and presents cert.pem/key.pem; DOCKER_TLS alone encrypts
 * without verifying. An https:// host is TLS too.
 */
function tlsFromEnv(e: EndpointEnv, url: string): EndpointTls | undefined {
  const certDir = e.env.DOCKER_CERT_PATH || dockerConfigDir(e);
  if (e.env.DOCKER_TLS_VERIFY) return { certDir, verify: true };
  if (e.env.DOCKER_TLS || url.startsWith('https://')) return { certDir, verify: false };
  return undefined;
}

function fromContext(e: EndpointEnv, name: string, source: string): EngineEndpoint | undefined {
  const context = readContext(e, name);
  if (!context) return undefined;
  return { url: normalize(context.host), source, context: context.name, ...(context.tls ? { tls: context.tls } : {}) };
}

/** The endpoint the CLI would use with no flags ("default" context or none): DOCKER_HOST, else a socket. */
export function defaultEndpoint(env: EndpointEnv = defaultEndpointEnv()): EngineEndpoint {
  if (env.env.DOCKER_HOST) {
    const url = normalize(env.env.DOCKER_HOST);
    const tls = url.startsWith('tcp://') || url.startsWith('https://') ? tlsFromEnv(env, url) : undefined;
    return { url, source: 'DOCKER_HOST', ...(tls ? { tls } : {}) };
  }
  if (env.platform === 'win32') return { url: 'npipe:////./pipe/docker_engine', source: 'Docker Desktop pipe' };
  const found = candidateSockets(env).find((c) => env.exists(c.path));
  if (found) return { url: `unix://${found.path}`, source: found.source };
  return { url: 'unix:///var/run/docker.sock', source: 'default socket (not found)' };
}

/**
 * Resolves the engine endpoint. A host chosen in Settings wins, then a context chosen in Berth, then the
 * CLI's own order. When no socket exists the default is returned, so the status bar can say where Berth
 * looked. A chosen context that no longer exists falls back to the CLI's choice and says so in `source`.
 */
export function resolveEndpoint(
  choice: EngineChoice | string | undefined,
  env: EndpointEnv = defaultEndpointEnv(),
): EngineEndpoint {
  const chosen: EngineChoice = typeof choice === 'string' ? { host: choice } : (choice ?? {});
  if (chosen.host) {
    const url = normalize(chosen.host);
    const tls = url.startsWith('tcp://') || url.startsWith('https://') ? tlsFromEnv(env, url) : undefined;
    return { url, source: 'Settings', ...(tls ? { tls } : {}) };
  }
  if (chosen.context && chosen.context !== 'default') {
    const picked = fromContext(env, chosen.context, `docker context "${chosen.context}" (chosen in Berth)`);
    if (picked) return picked;
  }
  if (chosen.context === 'default') return { ...defaultEndpoint(env), context: 'default' };
  const current = currentContextName(env);
  if (current !== 'default') {
    const found = fromContext(env, current, `docker context "${current}"`);
    if (found) return found;
  }
  return defaultEndpoint(env);
}

function normalize(url: string): string {
  if (url.startsWith('/')) return `unix://${url}`;
  return url;
}

/** Whether the engine runs on this machine (a socket, a pipe or a loopback address). */
export function endpointIsLocal(url: string): boolean {
  if (/^(unix|npipe):\/\//.test(url)) return true;
  const host = /^(?:tcp|http|https|ssh):\/\/(?:[^@/]*@)?([^/:]+|\[[^\]]+\])/i.exec(url)?.[1];
  return !!host && /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(host) && !url.startsWith('ssh://');
}

/** The docker context an endpoint is ("default" for DOCKER_HOST or a socket); none for a host set in Settings. */
export const contextOf = (endpoint: EngineEndpoint): string | undefined =>
  endpoint.context ?? (endpoint.source === 'Settings' ? undefined : 'default');
