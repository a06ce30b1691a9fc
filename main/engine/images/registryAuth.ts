/**
 * Registry credentials the way the docker CLI finds them: `$DOCKER_CONFIG/config.json` (default
 * `~/.docker/config.json`), a `credHelpers` entry for the registry, else the `credsStore`, else the base64
 * `auths` entry. Helpers are run as `docker-credential-<name> get` with the server on stdin.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DOCKER_HUB } from './imageReference';

/** What the engine takes as X-Registry-Auth. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress: string;
}

export interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

export interface AuthDeps {
  env: NodeJS.ProcessEnv;
  readText(path: string): Promise<string>;
  /** Runs a credential helper with `stdin`; resolves its stdout. */
  runHelper(name: string, stdin: string): Promise<string>;
}

export const HUB_SERVER = 'https://index.docker.io/v1/';

export const defaultAuthDeps: AuthDeps = {
  env: process.env,
  readText: (path) => readFile(path, 'utf8'),
  runHelper: (name, stdin) =>
    new Promise((resolve, reject) => {
      const child = execFile(`docker-credential-${name}`, ['get'], { timeout: 10_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      );
      child.stdin?.end(stdin);
    }),
};

export const configPath = (env: NodeJS.ProcessEnv): string =>
  join(env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker'), 'config.json');

/** `https://127.0.0.1:5000/v2/` → `127.0.0.1:5000`; Docker Hub's many spellings → docker.io. */
export function normalizeRegistry(key: string): string {
  const host = key
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]!
    .toLowerCase();
  return ['index.docker.io', 'registry-1.docker.io', 'docker.io'].includes(host) ? DOCKER_HUB : host;
}

/** The credentials for a registry host (`docker.io`, `127.0.0.1:5000`), or undefined for anonymous access. */
export async function resolveAuth(domain: string, deps: AuthDeps = defaultAuthDeps): Promise<RegistryAuth | undefined> {
  let config: DockerConfig;
  try {
    config = JSON.parse(await deps.readText(configPath(deps.env))) as DockerConfig;
  } catch {
    return undefined; // no config (or unreadable): anonymous, as the CLI does
  }
  const host = normalizeRegistry(domain);
  const server = host === DOCKER_HUB ? HUB_SERVER : host;
  const helperKey = Object.keys(config.credHelpers ?? {}).find((k) => normalizeRegistry(k) === host);
  const helper = helperKey ? config.credHelpers?.[helperKey] : config.credsStore;
  if (helper) {
    const fromHelper = await fromCredentialHelper(helper, helperKey ?? server, server, deps);
    if (fromHelper) return fromHelper;
  }
  const authKey = Object.keys(config.auths ?? {}).find((k) => normalizeRegistry(k) === host);
  const entry = authKey ? config.auths?.[authKey] : undefined;
  if (!entry) return undefined;
  if (entry.identitytoken) return { identitytoken: entry.identitytoken, serveraddress: server };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) return { username: decoded.slice(0, i), password: decoded.slice(i + 1), serveraddress: server };
  }
  if (entry.username && entry.password) {
    return { username: entry.username, password: entry.password, serveraddress: server };
  }
  return undefined;
}

async function fromCredentialHelper(
  helper: string,
  lookup: string,
  server: string,
  deps: AuthDeps,
): Promise<RegistryAuth | undefined> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper)) return undefined;
  try {
    const out = JSON.parse(await deps.runHelper(helper, lookup)) as { Username?: string; Secret?: string };
    if (!out.Secret) return undefined;
    if (out.Username === '<token>') return { identitytoken: out.Secret, serveraddress: server };
    return { username: out.Username ?? '', password: out.Secret, serveraddress: server };
  } catch {
    return undefined; // helper missing or has nothing for this registry: fall back, like the CLI
  }
}
