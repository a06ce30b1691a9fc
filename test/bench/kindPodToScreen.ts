/**
 * 17, on real kind nodes (opt-in by name, BERTH_BENCH_ONLY=podkind, with BERTH_BENCH_KIND=1 and the node
 * image of test/kind-node/build.sh): a one-node kind cluster of the item's own (test/helpers/kindNode.ts)
 * running a deployment of 3 busybox pods, watched by a bridge of the item's own. A pod deleted → its
 * replacement Running on the cluster map, and a label set on a pod → on its page, each beside `kubectl
 * get -w` seeing the same (podToScreen.ts). The cluster is deleted at the end.
 */
import { loadavg } from 'node:os';
import { startBridge, type BridgeProcess } from './bridge';
import { run } from './cli';
import type { BenchContext } from './context';
import { FIXTURE_BUSYBOX } from './config';
import { changeRows } from './kubeScale';
import { openClusterMap, openKubeNamespace, openPodPage, openPodsTable } from './kubePage';
import { labelToScreen, replacementToScreen, type KubeTarget } from './podToScreen';
import { notMeasured, type ResultRow } from './result';
import { createKindCluster, type KindCluster } from '../helpers/kindNode';

const NAMESPACE = 'berth-bench-podkind';
const REPLICAS = 3;

const deployment = `apiVersion: v1
kind: Namespace
metadata: { name: ${NAMESPACE} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: churn, namespace: ${NAMESPACE} }
spec:
  replicas: ${REPLICAS}
  selector: { matchLabels: { app: churn } }
  template:
    metadata: { labels: { app: churn } }
    spec:
      terminationGracePeriodSeconds: 1
      containers: [{ name: c, image: ${FIXTURE_BUSYBOX}, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"] }]
`;

export async function measureKindPodToScreen(ctx: BenchContext): Promise<ResultRow[]> {
  const what = 'pod change → screen on real kind nodes';
  if (process.env.BERTH_BENCH_KIND !== '1')
    return [notMeasured('17 scale', what, 'opt-in: BERTH_BENCH_KIND=1 (the node image of test/kind-node/build.sh)')];
  const n = ctx.config.scale.changes;
  let cluster: KindCluster | undefined;
  let bridge: BridgeProcess | undefined;
  try {
    ctx.log('podkind: creating a kind cluster');
    cluster = await createKindCluster({ prefix: 'berth-bench-podkind' });
    await cluster.loadImages(FIXTURE_BUSYBOX);
    const c = cluster;
    await run('sh', [
      '-c',
      `kubectl --kubeconfig ${c.kubeconfig} --context ${c.context} apply -f - >/dev/null <<'EOF'\n${deployment}EOF`,
    ]);
    await c.kubectl('-n', NAMESPACE, 'rollout', 'status', 'deployment/churn', '--timeout=180s');
    const target: KubeTarget = { kubeconfig: c.kubeconfig, context: c.context, namespace: NAMESPACE };
    bridge = await startBridge({ env: { BERTH_KUBECONFIG: c.kubeconfig } });
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openKubeNamespace(page, bridge.url, c.context, NAMESPACE);
    await openClusterMap(page);
    await page
      .locator('[data-testid="pod-chip"][data-phase="Running"]')
      .nth(REPLICAS - 1)
      .waitFor({ timeout: 60_000 });
    ctx.log(`podkind: ${n} pods deleted → replacement Running (load ${loadavg()[0]?.toFixed(1)})`);
    const replaced = await replacementToScreen(page, target, 'app=churn', n);
    await page.close();
    const detail = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openKubeNamespace(detail, bridge.url, c.context, NAMESPACE);
    await openPodsTable(detail);
    const pod = (await c.kubectl('-n', NAMESPACE, 'get', 'pods', '-o', 'name')).split('\n')[0]?.replace('pod/', '');
    if (!pod) throw new Error('no pod for the label changes');
    await openPodPage(detail, pod);
    ctx.log(`podkind: ${n} label changes on ${pod}`);
    const labelled = await labelToScreen(detail, target, pod, n);
    await detail.close();
    return [
      ...changeRows('pod deleted → its replacement Running on the cluster map (real kind node)', replaced),
      ...changeRows('label set on a pod → on its page (real kind node)', labelled),
    ];
  } finally {
    await bridge?.stop();
    await cluster?.delete();
  }
}
