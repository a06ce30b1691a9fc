/**
 * Where Berth's kubeconfig is, and the files merged the way kubectl merges them: the one source of truth
 * for the Kubernetes view (main/kube) and Settings → Environment (main/system). An explicit file (an API
 * input, else BERTH_KUBECONFIG) is used alone; else every file of KUBECONFIG (a path list; missing files
 * skipped), else ~/.kube/config. For each cluster, user and context name the first file that names it
 * wins; the current context is the first one a file sets; relative paths are read from the file's own
 * folder. Reading needs no Kubernetes client, so the contexts are there at once, each with how it
 * authenticates (the kind only: never a token, key or password) and whether TLS is verified.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';

export interface KubeconfigLocation {
  /** The files Berth reads, in priority order (candidates: some may not exist). */
  candidates: string[];
  /** Those that exist. */
  files: string[];
  /** Where the list came from, for messages: "BERTH_KUBECONFIG", "KUBECONFIG", "~/.kube/config", ... */
  source: string;
}

export interface LocateOptions {
  explicit?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
  platform?: NodeJS.Platform;
}

export function locateKubeconfig(options: LocateOptions = {}): KubeconfigLocation {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const chosen = options.explicit ?? env.BERTH_KUBECONFIG;
  if (chosen) {
    return {
      candidates: [chosen],
      files: existsSync(chosen) ? [chosen] : [],
      source: options.explicit ? 'the given file' : 'BERTH_KUBECONFIG',
    };
  }
  // kubectl's loading rules: KUBECONFIG, when set, replaces ~/.kube/config (it is not added to it).
  const fromEnv = [...new Set((env.KUBECONFIG ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean))];
  const candidates = fromEnv.length ? fromEnv : [join(options.home ?? env.HOME ?? homedir(), '.kube', 'config')];
  return {
    candidates,
    files: candidates.filter((f) => existsSync(f)),
    source: fromEnv.length ? 'KUBECONFIG' : '~/.kube/config',
  };
}

/** How a context's user proves who it is: the kind of credential, never the credential. */
export type KubeAuthKind = 'clientCertificate' | 'token' | 'tokenFile' | 'exec' | 'authProvider' | 'basic' | 'none';

export interface KubeconfigContextEntry {
  name: string;
  cluster: string;
  user?: string;
  namespace?: string;
  /** The server of its cluster, when the kubeconfig names one. */
  server?: string;
  auth: KubeAuthKind;
  /** The exec plugin's program (its base name), for the exec kind. */
  execCommand?: string;
  /** insecure-skip-tls-verify is set: the server's certificate is not checked. */
  insecure: boolean;
  /** The cluster's proxy-url, without any user:password in it. */
  proxyUrl?: string;
}

export interface KubeconfigContexts {
  contexts: KubeconfigContextEntry[];
  /** The first current-context a file sets. */
  current: string | undefined;
  /** Files that could not be read as YAML. */
  broken: Array<{ file: string; message: string }>;
}

/** One kubeconfig map entry as written (`{name, cluster: {...}}`), paths already made absolute. */
export type RawEntry = Record<string, unknown>;

/** The merged kubeconfig, still as YAML objects: the client side (main/kube/kubeconfig) builds on it. */
export interface MergedKubeconfig {
  clusters: Map<string, RawEntry>;
  users: Map<string, RawEntry>;
  contexts: Map<string, RawEntry>;
  current: string | undefined;
  broken: Array<{ file: string; message: string }>;
}

type Named = { name?: unknown; [key: string]: unknown };
const named = (v: unknown): Named[] =>
  Array.isArray(v)
    ? v.filter((x): x is Named => typeof x === 'object' && x !== null && typeof x.name === 'string')
    : [];
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
export const field = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;

/** The path fields of each section, read relative to the file that names them (as kubectl does). */
const PATH_FIELDS = {
  cluster: ['certificate-authority'],
  user: ['client-certificate', 'client-key', 'token-file'],
} as const;

function absolutePaths(entry: Named, section: 'cluster' | 'user', folder: string): Named {
  const body = field(entry, section);
  if (typeof body !== 'object' || body === null) return entry;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const key of PATH_FIELDS[section]) {
    const value = text(copy[key]);
    if (value && !isAbsolute(value)) copy[key] = join(folder, value);
  }
  // An exec plugin named by a relative path with a folder in it is found from the file's folder too;
  // a bare name is looked up on PATH.
  const exec = copy.exec;
  if (section === 'user' && typeof exec === 'object' && exec !== null) {
    const command = text(field(exec, 'command'));
    if (command && /[\\/]/.test(command) && !isAbsolute(command)) {
      copy.exec = { ...(exec as Record<string, unknown>), command: join(folder, command) };
    }
  }
  return { ...entry, [section]: copy };
}

/** The files merged with kubectl's rules: the first file to name a cluster, user or context wins. */
export function mergeKubeconfigFiles(files: string[]): MergedKubeconfig {
  const merged: MergedKubeconfig = {
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
    current: undefined,
    broken: [],
  };
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch (e) {
      merged.broken.push({ file, message: (e as Error).message });
      continue;
    }
    const folder = dirname(file);
    merged.current ??= text(field(doc, 'current-context'));
    for (const c of named(field(doc, 'clusters'))) {
      if (!merged.clusters.has(c.name as string))
        merged.clusters.set(c.name as string, absolutePaths(c, 'cluster', folder));
    }
    for (const u of named(field(doc, 'users'))) {
      if (!merged.users.has(u.name as string)) merged.users.set(u.name as string, absolutePaths(u, 'user', folder));
    }
    for (const c of named(field(doc, 'contexts'))) {
      if (!merged.contexts.has(c.name as string)) merged.contexts.set(c.name as string, c);
    }
  }
  return merged;
}

/** Which kind of credential a kubeconfig user entry holds (kubectl's order: a token before a token file). */
export function authKind(user: unknown): KubeAuthKind {
  const has = (key: string) => field(user, key) !== undefined && field(user, key) !== null && field(user, key) !== '';
  if (has('exec')) return 'exec';
  if (has('auth-provider')) return 'authProvider';
  if (has('token')) return 'token';
  if (has('token-file')) return 'tokenFile';
  if (has('client-certificate') || has('client-certificate-data')) return 'clientCertificate';
  if (has('username')) return 'basic';
  return 'none';
}

/** A URL fit to show (a proxy-url, a server): its user and password dropped. */
export function displayUrl(value: string): string {
  try {
    const url = new URL(value);
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return value.replace(/\/\/[^@/]*@/, '//');
  }
}

const basename = (command: string) => command.split(/[\\/]/).pop() ?? command;

/** The contexts of the kubeconfig files, merged in order (the first file to name one wins). */
export function readKubeconfigContexts(files: string[]): KubeconfigContexts {
  const merged = mergeKubeconfigFiles(files);
  const contexts = [...merged.contexts.values()].map((c): KubeconfigContextEntry => {
    const clusterName = text(field(c.context, 'cluster')) ?? '';
    const userName = text(field(c.context, 'user'));
    const cluster = field(merged.clusters.get(clusterName), 'cluster');
    const user = userName ? field(merged.users.get(userName), 'user') : undefined;
    const auth = authKind(user);
    const proxy = text(field(cluster, 'proxy-url'));
    const server = text(field(cluster, 'server'));
    const command = auth === 'exec' ? text(field(field(user, 'exec'), 'command')) : undefined;
    return {
      name: c.name as string,
      cluster: clusterName,
      user: userName,
      namespace: text(field(c.context, 'namespace')),
      server: server && server.includes('@') ? displayUrl(server) : server,
      auth,
      ...(command ? { execCommand: basename(command) } : {}),
      insecure: field(cluster, 'insecure-skip-tls-verify') === true,
      ...(proxy ? { proxyUrl: displayUrl(proxy) } : {}),
    };
  });
  return { contexts, current: merged.current, broken: merged.broken };
}
