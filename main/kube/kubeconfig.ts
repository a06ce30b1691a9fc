/**
 * The kubeconfig as @kubernetes/client-node objects: the files merged with kubectl's rules
 * (main/common/kubeconfigFiles), exec plugins and token files handed to Berth's own authenticator
 * (./auth/kubeconfigAuth), and a context's files checked before it is used, so a missing
 * certificate-authority says which file and which context instead of failing inside a request.
 */
import type { Cluster, KubeConfig } from '@kubernetes/client-node';
import { existsSync } from 'node:fs';
import { ApiError } from '../../contract/errors';
import { field, locateKubeconfig, mergeKubeconfigFiles } from '../common/kubeconfigFiles';
import { attachCredentialSource, berthAuthenticator, credentialSource } from './auth/kubeconfigAuth';
import type { ExecClusterInfo, ExecConfig } from './auth/execCredential';
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

const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? { ...(v as Record<string, unknown>) } : {};

/** What ExecCredential.spec.cluster says about a cluster (for provideClusterInfo). */
function clusterInfo(cluster: Cluster | null): ExecClusterInfo | undefined {
  if (!cluster) return undefined;
  return {
    server: cluster.server,
    ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}),
    ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
    ...(cluster.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
  };
}

export async function loadKubeconfig(explicit?: string): Promise<LoadedKubeconfig> {
  const { KubeConfig } = await k8s();
  const files = kubeconfigFiles(explicit);
  if (explicit && !existsSync(explicit)) {
    throw new ApiError('not_found', `No kubeconfig at ${explicit}.`, KUBECONFIG_HINT);
  }
  const merged = mergeKubeconfigFiles(files);
  const unreadable = merged.broken[0];
  if (unreadable) {
    throw new ApiError('invalid_input', `Cannot read the kubeconfig ${unreadable.file}: ${unreadable.message}`);
  }
  // Exec plugins and token files are Berth's to run and read: the client gets the users without them.
  const execOf = new Map<string, ExecConfig>();
  const tokenFileOf = new Map<string, string>();
  const users = [...merged.users.entries()].map(([name, entry]) => {
    const user = record(field(entry, 'user'));
    if (user.exec && typeof user.exec === 'object') execOf.set(name, user.exec as ExecConfig);
    if (typeof user['token-file'] === 'string' && !user.token) tokenFileOf.set(name, user['token-file']);
    delete user.exec;
    delete user['token-file'];
    return { ...entry, user };
  });
  const config = new KubeConfig();
  try {
    config.loadFromString(
      JSON.stringify({
        clusters: [...merged.clusters.values()],
        users,
        contexts: [...merged.contexts.values()],
        'current-context': merged.current,
      }),
      // A broken entry (a cluster without a server) spoils only the contexts that use it.
      { onInvalidEntry: 'filter' },
    );
  } catch (e) {
    throw new ApiError('invalid_input', `Cannot read the kubeconfig (${files.join(', ')}): ${(e as Error).message}`);
  }
  config.addAuthenticator(berthAuthenticator);
  for (const user of config.getUsers()) {
    const exec = execOf.get(user.name);
    const tokenFile = tokenFileOf.get(user.name);
    if (exec) {
      attachCredentialSource(user, { kind: 'exec', request: { exec, user: user.name } });
    } else if (tokenFile) {
      attachCredentialSource(user, { kind: 'tokenFile', file: tokenFile, user: user.name });
    }
  }
  return { config, files };
}

/** Files a context's cluster and user name that are not there: each is a clear error before any request. */
function checkFiles(config: KubeConfig, context: string): void {
  const cluster = config.getCurrentCluster();
  const user = config.getCurrentUser();
  const missing = (what: string, file: string | undefined, owner: string) => {
    if (file && !existsSync(file)) {
      throw new ApiError(
        'not_found',
        `The ${what} file ${file} of ${owner} (context "${context}") does not exist.`,
        `Fix the ${what} path in the kubeconfig, or put the file back.`,
      );
    }
  };
  missing('certificate-authority', cluster?.caFile, `cluster "${cluster?.name ?? ''}"`);
  missing('client-certificate', user?.certFile, `user "${user?.name ?? ''}"`);
  missing('client-key', user?.keyFile, `user "${user?.name ?? ''}"`);
}

/** A KubeConfig whose current context is `context`; not_found when the kubeconfig has no such context. */
export async function configFor(context: string, explicit?: string): Promise<KubeConfig> {
  const { config } = await loadKubeconfig(explicit);
  const entry = config.getContextObject(context);
  if (!entry) {
    throw new ApiError('not_found', `The kubeconfig has no context "${context}".`, KUBECONFIG_HINT);
  }
  config.setCurrentContext(context);
  if (!config.getCurrentCluster()) {
    throw new ApiError(
      'invalid_input',
      `Context "${context}" names cluster "${entry.cluster}", which the kubeconfig does not define (or gives no server).`,
      'Fix the clusters section of the kubeconfig.',
    );
  }
  checkFiles(config, context);
  // An exec plugin that asks for the cluster's details gets the ones of this context's cluster.
  const user = config.getCurrentUser();
  const source = user ? credentialSource(user) : undefined;
  if (user && source?.kind === 'exec' && source.request.exec.provideClusterInfo) {
    const cluster = clusterInfo(config.getCurrentCluster());
    attachCredentialSource(user, { kind: 'exec', request: { ...source.request, cluster } });
  }
  return config;
}
