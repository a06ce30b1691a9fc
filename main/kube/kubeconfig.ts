/**
 * Reads the kubeconfig the way kubectl users expect: an explicit file (the API input or BERTH_KUBECONFIG),
 * else every file of KUBECONFIG (a path list) plus ~/.kube/config. Files are merged; the first one to
 * name a cluster, user or context wins, and the first current-context set wins.
 */
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { ApiError } from '../../contract/errors';
import { locateKubeconfig } from '../common/kubeconfigFiles';
import { k8s } from './k8s';

export const KUBECONFIG_HINT = 'Create a cluster (kind create cluster), or point KUBECONFIG at a kubeconfig file.';

/** The kubeconfig files Berth reads, in priority order (main/common/kubeconfigFiles decides which). */
export function kubeconfigFiles(explicit?: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const location = locateKubeconfig({ explicit, env });
  // An explicit file is named even when it is missing, so loading it says so.
  return (explicit ?? env.BERTH_KUBECONFIG) ? location.candidates : location.files;
}

export interface LoadedKubeconfig {
  config: KubeConfig;
  files: string[];
}

export async function loadKubeconfig(explicit?: string): Promise<LoadedKubeconfig> {
  const { KubeConfig } = await k8s();
  const files = kubeconfigFiles(explicit);
  if (explicit && !existsSync(explicit)) {
    throw new ApiError('not_found', `No kubeconfig at ${explicit}.`, KUBECONFIG_HINT);
  }
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current = '';
  for (const file of files) {
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (e) {
      throw new ApiError('invalid_input', `Cannot read the kubeconfig ${file}: ${(e as Error).message}`);
    }
    for (const c of one.getClusters()) if (!clusters.has(c.name)) clusters.set(c.name, c);
    for (const u of one.getUsers()) if (!users.has(u.name)) users.set(u.name, u);
    for (const c of one.getContexts()) if (!contexts.has(c.name)) contexts.set(c.name, c);
    if (!current && one.getCurrentContext()) current = one.getCurrentContext();
  }
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [...clusters.values()],
    users: [...users.values()],
    contexts: [...contexts.values()],
    currentContext: current,
  });
  return { config, files };
}

/** A KubeConfig whose current context is `context`; not_found when the kubeconfig has no such context. */
export async function configFor(context: string, explicit?: string): Promise<KubeConfig> {
  const { config } = await loadKubeconfig(explicit);
  if (!config.getContextObject(context)) {
    throw new ApiError('not_found', `The kubeconfig has no context "${context}".`, KUBECONFIG_HINT);
  }
  config.setCurrentContext(context);
  return config;
}
