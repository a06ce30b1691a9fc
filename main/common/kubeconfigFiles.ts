/**
 * Where Berth's kubeconfig is, and its contexts read straight from the YAML: the one source of truth for
 * the Kubernetes view (main/kube) and Settings → Environment (main/system). An explicit file (an API input,
 * else BERTH_KUBECONFIG) is used alone; otherwise every file of KUBECONFIG (a path list) plus
 * ~/.kube/config, merged, the first file to name a cluster, user or context winning. Reading the contexts
 * needs no Kubernetes client, so the list is there at once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface KubeconfigLocation {
  /** The files Berth reads, in priority order (candidates: some may not exist). */
  candidates: string[];
  /** Those that exist. */
  files: string[];
  /** Where the list came from, for messages: "BERTH_KUBECONFIG", "KUBECONFIG and ~/.kube/config", ... */
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
  const home = join(options.home ?? env.HOME ?? homedir(), '.kube', 'config');
  const chosen = options.explicit ?? env.BERTH_KUBECONFIG;
  if (chosen) {
    return {
      candidates: [chosen],
      files: existsSync(chosen) ? [chosen] : [],
      source: options.explicit ? 'the given file' : 'BERTH_KUBECONFIG',
    };
  }
  const fromEnv = (env.KUBECONFIG ?? '').split(platform === 'win32' ? ';' : ':').filter(Boolean);
  const candidates = [...new Set([...fromEnv, home])];
  return {
    candidates,
    files: candidates.filter((f) => existsSync(f)),
    source: fromEnv.length ? 'KUBECONFIG and ~/.kube/config' : '~/.kube/config',
  };
}

export interface KubeconfigContextEntry {
  name: string;
  cluster: string;
  user?: string;
  namespace?: string;
  /** The server of its cluster, when the kubeconfig names one. */
  server?: string;
}

export interface KubeconfigContexts {
  contexts: KubeconfigContextEntry[];
  /** The first current-context a file sets. */
  current: string | undefined;
  /** Files that could not be read as YAML. */
  broken: Array<{ file: string; message: string }>;
}

type Named = { name?: unknown; [key: string]: unknown };
const named = (v: unknown): Named[] =>
  Array.isArray(v)
    ? v.filter((x): x is Named => typeof x === 'object' && x !== null && typeof x.name === 'string')
    : [];
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const field = (o: unknown, key: string): unknown =>
  typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[key] : undefined;

/** The contexts of the kubeconfig files, merged in order (the first file to name one wins). */
export function readKubeconfigContexts(files: string[]): KubeconfigContexts {
  const servers = new Map<string, string | undefined>();
  const contexts = new Map<string, Omit<KubeconfigContextEntry, 'server'>>();
  const broken: KubeconfigContexts['broken'] = [];
  let current: string | undefined;
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parse(readFileSync(file, 'utf8'));
    } catch (e) {
      broken.push({ file, message: (e as Error).message });
      continue;
    }
    current ??= text(field(doc, 'current-context'));
    for (const c of named(field(doc, 'clusters'))) {
      const name = c.name as string;
      if (!servers.has(name)) servers.set(name, text(field(c.cluster, 'server')));
    }
    for (const c of named(field(doc, 'contexts'))) {
      const name = c.name as string;
      if (contexts.has(name)) continue;
      contexts.set(name, {
        name,
        cluster: text(field(c.context, 'cluster')) ?? '',
        user: text(field(c.context, 'user')),
        namespace: text(field(c.context, 'namespace')),
      });
    }
  }
  return {
    contexts: [...contexts.values()].map((c) => ({ ...c, server: servers.get(c.cluster) })),
    current,
    broken,
  };
}
