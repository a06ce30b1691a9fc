/** The kubeconfig's contexts, each marked when it belongs to a kind cluster. */
import type Docker from 'dockerode';
import type { KubeContext } from '../../contract/kube';
import { loadKubeconfig } from './kubeconfig';
import { kindClusterNames, kindNodeContainers } from './kind/kindClusters';
import { locateKind } from './kind/kindCli';

/** kind cluster names from `kind get clusters` (when kind is installed) and node containers' labels. */
export async function knownKindClusters(docker: Docker, kindBinary = ''): Promise<Set<string>> {
  const kind = locateKind(kindBinary);
  const [fromKind, fromLabels] = await Promise.all([
    kind ? kindClusterNames(kind).catch(() => []) : Promise.resolve([]),
    kindNodeContainers(docker)
      .then((m) => [...m.keys()])
      .catch(() => []),
  ]);
  return new Set([...fromKind, ...fromLabels]);
}

export async function listContexts(docker: Docker, kubeconfig?: string, kindBinary = ''): Promise<KubeContext[]> {
  const { config } = await loadKubeconfig(kubeconfig);
  const contexts = config.getContexts();
  const kindNames = contexts.some((c) => c.name.startsWith('kind-'))
    ? await knownKindClusters(docker, kindBinary)
    : new Set<string>();
  const current = config.getCurrentContext();
  return contexts.map((c) => {
    const kindCluster = c.name.startsWith('kind-') && kindNames.has(c.name.slice(5)) ? c.name.slice(5) : undefined;
    return {
      name: c.name,
      cluster: c.cluster,
      server: config.getCluster(c.cluster)?.server,
      namespace: c.namespace,
      user: c.user,
      current: c.name === current,
      kind: Boolean(kindCluster),
      kindCluster,
    };
  });
}
