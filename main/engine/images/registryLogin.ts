/**
 * Registry sign-in the way `docker login` does it, by running the user's docker CLI: `docker login
 * --username U --password-stdin SERVER` (the password on stdin, never on a command line), pointed at Berth's
 * engine, which checks the credentials against the registry (so the engine's TLS trust applies:
 * /etc/docker/certs.d/<host:port>/ca.crt); the CLI then stores them in the user's credsStore / credHelpers
 * or config.json exactly as it would from a terminal. Writing config.json here instead would skip the
 * credential helpers a desktop user relies on. The list reads the same config: `auths` and each helper's
 * `list` (user names only; no secret is read for it).
 */
import { execFile } from 'node:child_process';
import { ApiError } from '../../../contract/errors';
import type { RegistryLogin, SignedInRegistry } from '../../../contract/registries';
import { DOCKER_HUB } from './imageReference';
import { configPath, defaultAuthDeps, normalizeRegistry, type DockerConfig } from './registryAuth';
import { runDockerCli } from '../dockerCli';

export interface LoginDeps {
  /** The environment the docker CLI runs with (DOCKER_HOST set to Berth's engine). */
  env: NodeJS.ProcessEnv;
  readText(path: string): Promise<string>;
  /** `docker-credential-<name> list`: server → user name. */
  listHelper(name: string): Promise<Record<string, string>>;
}

export const listCredentialHelper = (name: string): Promise<Record<string, string>> =>
  new Promise((resolve) => {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) return resolve({});
    execFile(`docker-credential-${name}`, ['list'], { timeout: 10_000 }, (error, stdout) => {
      if (error) return resolve({});
      try {
        resolve(JSON.parse(stdout) as Record<string, string>);
      } catch {
        resolve({});
      }
    });
  });

/** What `docker login` is given for a server: nothing for Docker Hub (its default), else the host as typed. */
const loginTarget = (server: string): string[] => (normalizeRegistry(server) === DOCKER_HUB ? [] : [server]);

const label = (server: string) => {
  const host = normalizeRegistry(server);
  return host === DOCKER_HUB ? 'Docker Hub' : host;
};

async function readConfig(deps: Pick<LoginDeps, 'env' | 'readText'>): Promise<DockerConfig> {
  try {
    return JSON.parse(await deps.readText(configPath(deps.env))) as DockerConfig;
  } catch {
    return {};
  }
}

/** The user name in an `auths` entry, without ever keeping the password part. */
function userOf(entry: { auth?: string; username?: string } | undefined): string | undefined {
  if (entry?.username) return entry.username;
  if (!entry?.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i > 0 ? decoded.slice(0, i) : undefined;
}

export async function signedInRegistries(deps: Pick<LoginDeps, 'env' | 'readText' | 'listHelper'>) {
  const config = await readConfig(deps);
  const out = new Map<string, SignedInRegistry>();
  const helperLists = new Map<string, Promise<Record<string, string>>>();
  const helperList = (name: string) => {
    if (!helperLists.has(name)) helperLists.set(name, deps.listHelper(name));
    return helperLists.get(name) as Promise<Record<string, string>>;
  };
  const add = (server: string, store: string, username: string | undefined) => {
    const host = normalizeRegistry(server);
    if (out.has(host)) return;
    out.set(host, { server, host, store, ...(username ? { username } : {}) });
  };
  for (const [server, helper] of Object.entries(config.credHelpers ?? {})) {
    const users = await helperList(helper);
    const key = Object.keys(users).find((k) => normalizeRegistry(k) === normalizeRegistry(server));
    // A helper named for a registry need not hold credentials for it yet.
    if (key) add(server, `credential helper ${helper}`, users[key]);
  }
  if (config.credsStore) {
    const store = config.credsStore;
    for (const [server, username] of Object.entries(await helperList(store))) {
      add(server, `credential helper ${store}`, username);
    }
  }
  for (const [server, entry] of Object.entries(config.auths ?? {})) {
    if (!entry.auth && !entry.identitytoken && !(entry.username && entry.password)) continue;
    add(server, 'config file', userOf(entry));
  }
  return [...out.values()].sort((a, b) => a.host.localeCompare(b.host));
}

/** Turns what `docker login` said on failure into an error a user can act on (its output holds no secret). */
export function loginError(server: string, output: string): ApiError {
  const where = label(server);
  const said = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^WARNING!|^Configure a credential helper|^https:\/\/docs\.docker\.com/.test(l))
    .join(' ')
    .replace(/^Error response from daemon:\s*/, '')
    .trim();
  const details = { output: said };
  if (/x509|certificate signed by unknown authority|certificate is not valid|tls: failed to verify/i.test(said)) {
    return new ApiError(
      'failed',
      `The Docker engine does not trust ${where}'s TLS certificate: ${said}`,
      `Put the registry's CA certificate in /etc/docker/certs.d/${normalizeRegistry(server)}/ca.crt on the engine's machine (read at once, no restart), then log in again.`,
      details,
    );
  }
  if (
    /unauthorized|incorrect username or password|authentication required|invalid username\/password|denied/i.test(said)
  ) {
    return new ApiError(
      'failed',
      `${where} refused the user name or password.`,
      'Check both (a token goes in the password field) and log in again. Nothing was saved.',
      details,
    );
  }
  if (/server gave HTTP response to HTTPS client/i.test(said)) {
    return new ApiError(
      'failed',
      `${where} speaks plain HTTP and the engine expects HTTPS.`,
      `Add "${normalizeRegistry(server)}" to "insecure-registries" in the engine's daemon.json and restart it.`,
      details,
    );
  }
  if (/connection refused|no such host|i\/o timeout|network is unreachable|dial tcp|lookup /i.test(said)) {
    return new ApiError(
      'failed',
      `Cannot reach ${where}: ${said}`,
      'Check the registry address and port, and that the Docker engine can reach it.',
      details,
    );
  }
  if (/credentials store|credential helper|docker-credential-|error storing credentials/i.test(said)) {
    return new ApiError(
      'failed',
      `The credentials could not be stored: ${said}`,
      'Check the credsStore / credHelpers entry in your docker config.json and that its docker-credential-… program is installed.',
      details,
    );
  }
  return new ApiError(
    'failed',
    `Could not log in to ${where}: ${said || 'docker login failed without saying why.'}`,
    undefined,
    details,
  );
}

export async function login(input: RegistryLogin, deps: LoginDeps): Promise<SignedInRegistry> {
  const args = ['login', '--username', input.username, '--password-stdin', ...loginTarget(input.server)];
  const r = await runDockerCli(args, { env: deps.env, stdin: input.password, timeoutMs: 60_000 });
  if (r.code !== 0) throw loginError(input.server, `${r.stderr}\n${r.stdout}`);
  const host = normalizeRegistry(input.server);
  const found = (await signedInRegistries(deps)).find((s) => s.host === host);
  return found ?? { server: input.server, host, store: 'unknown', username: input.username };
}

export async function logout(server: string, deps: Pick<LoginDeps, 'env'>): Promise<void> {
  const r = await runDockerCli(['logout', ...loginTarget(server)], { env: deps.env, timeoutMs: 30_000 });
  if (r.code !== 0) {
    throw new ApiError('failed', `Could not log out of ${label(server)}: ${(r.stderr || r.stdout).trim()}`);
  }
}

export const defaultLoginDeps = (env: NodeJS.ProcessEnv): LoginDeps => ({
  env,
  readText: defaultAuthDeps.readText,
  listHelper: listCredentialHelper,
});
