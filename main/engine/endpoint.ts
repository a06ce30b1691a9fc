/**
 * Finds the Docker engine the way the docker CLI does: DOCKER_HOST, then the current docker context,
 * then the well-known sockets of Docker Engine, Docker Desktop, rootless Docker, colima, Rancher
 * Desktop, OrbStack and Podman, and on Windows the named pipe.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface EngineEndpoint {
  /** unix:///path, npipe:////./pipe/name or tcp://host:port */
  url: string;
  /** How it was found, shown to the user: "DOCKER_HOST", "docker context desktop-linux", "default socket". */
  source: string;
}

export interface EndpointEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
  readFile: (path: string) => string | undefined;
}

const defaultEnv = (): EndpointEnv => ({
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
});

/** The docker CLI's config dir: DOCKER_CONFIG or ~/.docker. */
export const dockerConfigDir = (e: Pick<EndpointEnv, 'env' | 'home'>): string =>
  e.env.DOCKER_CONFIG || join(e.home, '.docker');

function fromContext(e: EndpointEnv): EngineEndpoint | undefined {
  const dir = dockerConfigDir(e);
  const name =
    e.env.DOCKER_CONTEXT ||
    (() => {
      const raw = e.readFile(join(dir, 'config.json'));
      if (!raw) return undefined;
      try {
        return (JSON.parse(raw) as { currentContext?: string }).currentContext;
      } catch {
        return undefined;
      }
    })();
  if (!name || name === 'default') return undefined;
  const hash = createHash('sha256').update(name).digest('hex');
  const meta = e.readFile(join(dir, 'contexts', 'meta', hash, 'meta.json'));
  if (!meta) return undefined;
  try {
    const host = (JSON.parse(meta) as { Endpoints?: { docker?: { Host?: string } } }).Endpoints?.docker?.Host;
    return host ? { url: host, source: `docker context "${name}"` } : undefined;
  } catch {
    return undefined;
  }
}

export function candidateSockets(e: EndpointEnv): Array<{ path: string; source: string }> {
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
  ];
  return list;
}

/**
 * Resolves the engine endpoint. `override` (from Settings) wins; otherwise the CLI's order. When no socket
 * exists the default is returned, so the status bar can say where Berth looked.
 */
export function resolveEndpoint(override?: string, env: EndpointEnv = defaultEnv()): EngineEndpoint {
  if (override) return { url: normalize(override), source: 'Settings' };
  if (env.env.DOCKER_HOST) return { url: normalize(env.env.DOCKER_HOST), source: 'DOCKER_HOST' };
  const context = fromContext(env);
  if (context) return context;
  if (env.platform === 'win32') return { url: 'npipe:////./pipe/docker_engine', source: 'Docker Desktop pipe' };
  const found = candidateSockets(env).find((c) => env.exists(c.path));
  if (found) return { url: `unix://${found.path}`, source: found.source };
  return { url: 'unix:///var/run/docker.sock', source: 'default socket (not found)' };
}

function normalize(url: string): string {
  if (url.startsWith('/')) return `unix://${url}`;
  return url;
}

/** Dockerode options for an endpoint URL. */
export function dockerodeOptions(
  url: string,
): { socketPath: string } | { host: string; port: number; protocol: 'http' | 'https' } {
  if (url.startsWith('unix://')) return { socketPath: url.slice('unix://'.length) };
  if (url.startsWith('npipe://')) return { socketPath: url.slice('npipe://'.length).replace(/\//g, '\\') };
  const parsed = new URL(url.replace(/^tcp:/, 'http:'));
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 2375),
    protocol: parsed.protocol === 'https:' ? 'https' : 'http',
  };
}
