/**
 * The Kubernetes side of the `load` and `churn` items (BERTH_BENCH_KUBE=1, the kwok control plane from
 * test/kube-cluster/start.sh): a namespace `berth-bench-load` with one deployment scaled to N pods, on
 * fake kwok nodes of 500 pods each (`berth-load-node-N`, label `berth.bench-load/node=fake`), as
 * kubePods.ts does with its own names so the two never delete each other's nodes.
 */
import { existsSync } from 'node:fs';
import { run } from './cli';
import { sleep } from './stats';
import { fakeNodeYaml, PODS_PER_NODE, scalableDeploymentYaml } from '../helpers/kwokObjects';

export const KUBECONFIG = process.env.BERTH_BENCH_KUBECONFIG ?? '/tmp/berth-kube/kubeconfig';
export const KUBE_CONTEXT = process.env.BERTH_BENCH_KUBE_CONTEXT ?? 'berth-test';
export const LOAD_NAMESPACE = 'berth-bench-load';
const NODE_LABEL = 'berth.bench-load/node=fake';

export const kubectl = (...args: string[]): Promise<string> =>
  run('kubectl', ['--kubeconfig', KUBECONFIG, '--context', KUBE_CONTEXT, '--request-timeout=60s', ...args]);
const apply = (yaml: string) =>
  run('sh', [
    '-c',
    `kubectl --kubeconfig ${KUBECONFIG} --context ${KUBE_CONTEXT} apply -f - >/dev/null <<'EOF'\n${yaml}EOF`,
  ]);

/** Why the kube part cannot run, or undefined when it can. */
export async function kubeUnavailable(): Promise<string | undefined> {
  if (process.env.BERTH_BENCH_KUBE !== '1')
    return 'opt-in: BERTH_BENCH_KUBE=1 with a cluster from test/kube-cluster/start.sh';
  if (!existsSync(KUBECONFIG) || !(await kubectl('get', '--raw', '/readyz').catch(() => '')))
    return `no cluster at ${KUBECONFIG}; start one with test/kube-cluster/start.sh`;
  if (process.env.BERTH_KUBECONFIG !== KUBECONFIG)
    return `the bridge was not started with BERTH_KUBECONFIG=${KUBECONFIG}`;
  return undefined;
}

export const runningPods = async (): Promise<number> =>
  (await kubectl('-n', LOAD_NAMESPACE, 'get', 'pods', '--field-selector=status.phase=Running', '--no-headers'))
    .split('\n')
    .filter(Boolean).length;

export const scaleLoad = (replicas: number): Promise<string> =>
  kubectl('-n', LOAD_NAMESPACE, 'scale', 'deployment', 'load', `--replicas=${replicas}`);

/** Namespace, deployment and enough fake nodes for `pods`; scales to `pods` and waits until all Run. */
export async function createKubeLoad(pods: number, log: (m: string) => void): Promise<void> {
  await cleanKubeLoad(true);
  const baseNodes = (await kubectl('get', 'nodes', '--no-headers')).split('\n').filter(Boolean).length;
  const extra = Math.max(0, Math.ceil((pods - baseNodes * 100) / PODS_PER_NODE));
  if (extra) {
    await apply(Array.from({ length: extra }, (_, i) => fakeNodeYaml(`berth-load-node-${i}`, NODE_LABEL)).join(''));
    await kubectl('wait', '--for=condition=Ready', 'node', '-l', NODE_LABEL, '--timeout=120s');
  }
  await apply(scalableDeploymentYaml(LOAD_NAMESPACE, 'load'));
  const t0 = Date.now();
  await scaleLoad(pods);
  for (;;) {
    const n = await runningPods();
    if (n >= pods) break;
    if (Date.now() - t0 > 30 * 60_000) throw new Error(`only ${n} of ${pods} pods Running after 30 min`);
    await sleep(5000);
  }
  log(`load: ${pods} pods Running on ${baseNodes + extra} nodes in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

export async function cleanKubeLoad(wait = false): Promise<void> {
  if (process.env.BERTH_BENCH_KUBE !== '1' || !existsSync(KUBECONFIG)) return;
  await kubectl('delete', 'namespace', LOAD_NAMESPACE, '--ignore-not-found', `--wait=${wait}`, '--timeout=300s').catch(
    () => '',
  );
  await kubectl('delete', 'nodes', '-l', NODE_LABEL, '--ignore-not-found', '--wait=false').catch(() => '');
}
