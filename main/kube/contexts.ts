/**
 * The kubeconfig's contexts, each marked when it belongs to a kind cluster. Listed straight from the YAML
 * (no Kubernetes client, no network), so the Kubernetes view has its contexts at once; whether each cluster
 * answers is asked afterwards, per context (kube.status). kind clusters are known from their node
 * containers' labels (one engine call) and from `kind get clusters`, whose answer is cached and refreshed
 * in the background rather than awaited.
 */
import type Docker from 'dockerode';
import type { KubeContext } from '../../contract/kube';
import { ApiError } from '../../contract/errors';
import { locateKubeconfig, readKubeconfigContexts } from '../common/kubeconfigFiles';
import { KUBECONFIG_HINT } from './kubeconfig';
import { kindClusterNames, kindNodeContainers } from './kind/kindClusters';
import { locateKind } from './kind/kindCli';
import { k8s } from './k8s';

/** How long an answer of `kind get clusters` is used before it is asked again (in the background). */
const KIND_CLI_FRESH_MS = 30_000;
/** How long the node-container lookup may take before the list goes out without it. */
const LABELS_WAIT_MS = 1500;

const cli = { names: new Set<string>(), at: 0, binary: '', running: false };

function refreshKindCliNames(kindBinary: string): void {
  if (cli.running || (cli.binary === kindBinary && Date.now() - cli.at < KIND_CLI_FRESH_MS)) return;
  const kind = locateKind(kindBinary);
  if (!kind) return;
  cli.running = true;
  kindClusterNames(kind)
    .then((names) => Object.assign(cli, { names: new Set(names), at: Date.now(), binary: kindBinary }))
    .catch(() => Object.assign(cli, { at: Date.now(), binary: kindBinary }))
    .finally(() => (cli.running = false));
}

/** kind cluster names from node containers' labels, plus the last answer of `kind get clusters`. */
export async function knownKindClusters(docker: Docker, kindBinary = ''): Promise<Set<string>> {
  refreshKindCliNames(kindBinary);
  let timer: NodeJS.Timeout | undefined;
  const fromLabels = await Promise.race([
    kindNodeContainers(docker)
      .then((m) => [...m.keys()])
      .catch(() => []),
    new Promise<string[]>((resolve) => (timer = setTimeout(() => resolve([]), LABELS_WAIT_MS))),
  ]);
  clearTimeout(timer);
  return new Set([...fromLabels, ...cli.names]);
}

export async function listContexts(docker: Docker, kubeconfig?: string, kindBinary = ''): Promise<KubeContext[]> {
  const location = locateKubeconfig({ explicit: kubeconfig });
  if (kubeconfig && location.files.length === 0) {
    throw new ApiError('not_found', `No kubeconfig at ${kubeconfig}.`, KUBECONFIG_HINT);
  }
  const { contexts, current, broken } = readKubeconfigContexts(location.files);
  const unreadable = broken[0];
  if (unreadable) {
    throw new ApiError('invalid_input', `Cannot read the kubeconfig ${unreadable.file}: ${unreadable.message}`);
  }
  // Whatever the user does next (a status check, a watch) needs the Kubernetes client: start loading it,
  // once this answer is on its way (loading it keeps the process busy for a while).
  setTimeout(() => void k8s(), 0).unref?.();
  const kindNames = contexts.some((c) => c.name.startsWith('kind-'))
    ? await knownKindClusters(docker, kindBinary)
    : new Set<string>();
  return contexts.map((c) => {
    const kindCluster = c.name.startsWith('kind-') && kindNames.has(c.name.slice(5)) ? c.name.slice(5) : undefined;
    return {
      name: c.name,
      cluster: c.cluster,
      server: c.server,
      namespace: c.namespace,
      user: c.user,
      auth: c.auth,
      execCommand: c.execCommand,
      insecure: c.insecure,
      proxyUrl: c.proxyUrl,
      current: c.name === current,
      kind: Boolean(kindCluster),
      kindCluster,
    };
  });
}
