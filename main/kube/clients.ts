/**
 * One set of API clients per (kubeconfig, context), reused while that context's cluster and user entries
 * stay the same; an edited kubeconfig gets fresh clients on the next call.
 */
import type {
  AppsV1Api,
  CoreV1Api,
  DiscoveryV1Api,
  KubeConfig,
  KubernetesObjectApi,
  VersionApi,
} from '@kubernetes/client-node';
import { k8s } from './k8s';
import type { KubeTarget } from '../../contract/kube';
import { configFor } from './kubeconfig';

export interface KubeClients {
  readonly context: string;
  readonly server: string;
  readonly config: KubeConfig;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly discovery: DiscoveryV1Api;
  readonly objects: KubernetesObjectApi;
  readonly version: VersionApi;
}

/** The clients made so far, by (kubeconfig, context), each kept while its cluster and user entries are the same. */
export class KubeClientCache {
  private readonly entries = new Map<string, { fingerprint: string; clients: KubeClients }>();

  async clientsFor(target: KubeTarget): Promise<KubeClients> {
    const { AppsV1Api, CoreV1Api, DiscoveryV1Api, KubernetesObjectApi, VersionApi } = await k8s();
    const config = await configFor(target.context, target.kubeconfig);
    const fingerprint = JSON.stringify([config.getCurrentCluster(), config.getCurrentUser()]);
    const key = targetKey(target);
    const hit = this.entries.get(key);
    if (hit && hit.fingerprint === fingerprint) return hit.clients;
    const clients: KubeClients = {
      context: target.context,
      server: config.getCurrentCluster()?.server ?? '',
      config,
      core: config.makeApiClient(CoreV1Api),
      apps: config.makeApiClient(AppsV1Api),
      discovery: config.makeApiClient(DiscoveryV1Api),
      objects: KubernetesObjectApi.makeApiClient(config),
      version: config.makeApiClient(VersionApi),
    };
    this.entries.set(key, { fingerprint, clients });
    return clients;
  }

  /** Forgets every client. */
  clear(): void {
    this.entries.clear();
  }
}

/**
 * The one cache the kube domain's functions share through `clientsFor`. (Next: kubeApi owns it and hands it
 * to them, once the functions take it as an argument.)
 */
const shared = new KubeClientCache();

export const clientsFor = (target: KubeTarget): Promise<KubeClients> => shared.clientsFor(target);

/** A stable key for sharing watches between subscribers of the same cluster. */
export const targetKey = (target: KubeTarget): string => `${target.kubeconfig ?? ''}\u0000${target.context}`;
