/**
 * One set of API clients per (kubeconfig, context), reused while that context's cluster and user entries
 * stay the same; an edited kubeconfig gets fresh clients on the next call. Every request of these clients
 * gives up after REQUEST_TIMEOUT_MS, so a cluster that accepts connections and never answers fails with
 * cluster_unreachable instead of holding a view (watches are not these requests: they stay open).
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
import { credentialSource } from './auth/kubeconfigAuth';

/** How long one API request may take, from sending it to the end of its answer. */
export const REQUEST_TIMEOUT_MS = 20_000;

type ClientNode = Awaited<ReturnType<typeof k8s>>;

/** Makes API clients for a config whose requests time out (the client's own makeApiClient, plus a timeout). */
function apiFactory(lib: ClientNode, config: KubeConfig, server: string) {
  const configuration = lib.createConfiguration({
    baseServer: new lib.ServerConfiguration(server, {}),
    authMethods: { default: config },
    // The API server's audit log names the client (client-node's own makeApiClient names itself).
    middleware: [lib.setHeaderMiddleware('User-Agent', 'Berth')],
    promiseMiddleware: [
      {
        pre: async (ctx) => {
          const own = ctx.getSignal();
          const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
          ctx.setSignal(own ? AbortSignal.any([own, timeout]) : timeout);
          return ctx;
        },
        post: async (ctx) => ctx,
      },
    ],
  });
  return {
    make: <T>(type: new (c: typeof configuration) => T): T => new type(configuration),
    objects: (): KubernetesObjectApi => {
      // What KubernetesObjectApi.makeApiClient does, on the configuration with the timeout.
      class ObjectApi extends lib.KubernetesObjectApi {
        constructor() {
          super(configuration);
          this.setDefaultNamespace(config);
        }
      }
      return new ObjectApi();
    },
  };
}

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
    const lib = await k8s();
    const config = await configFor(target.context, target.kubeconfig);
    const user = config.getCurrentUser();
    const fingerprint = JSON.stringify([config.getCurrentCluster(), user, user && credentialSource(user)]);
    const key = targetKey(target);
    const hit = this.entries.get(key);
    if (hit && hit.fingerprint === fingerprint) return hit.clients;
    const server = config.getCurrentCluster()?.server ?? '';
    const api = apiFactory(lib, config, server);
    const clients: KubeClients = {
      context: target.context,
      server,
      config,
      core: api.make(lib.CoreV1Api),
      apps: api.make(lib.AppsV1Api),
      discovery: api.make(lib.DiscoveryV1Api),
      objects: api.objects(),
      version: api.make(lib.VersionApi),
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
