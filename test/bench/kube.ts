/**
 * 7. Kubernetes scale: a deployment scaled 0→N (default 50) until Berth's pods stream (over the bridge's
 * WebSocket) shows N Running, vs a plain client-node scale + watch script, alternating. Uses a cluster
 * that is already reachable (test/kube-cluster/start.sh leaves one running). 8 (many pods) is kubePods.ts.
 */
import { existsSync } from 'node:fs';
import { run } from './cli';
import type { BenchContext } from './context';
import { hasKubeScale } from './features';
import { scaleWithClient, watchPodsWithClient, type KubeTargetInfo, type PodCounter } from './kubeBaseline';
import { notMeasured, row, type ResultRow } from './result';
import { median, now } from './stats';

const KUBECONFIG = process.env.BERTH_BENCH_KUBECONFIG ?? '/tmp/berth-kube/kubeconfig';
const CONTEXT = process.env.BERTH_BENCH_KUBE_CONTEXT ?? 'berth-test';
const REPLICAS = Number(process.env.BERTH_BENCH_KUBE_REPLICAS ?? 50);
const RUNS = Number(process.env.BERTH_BENCH_KUBE_RUNS ?? 3);

const target: KubeTargetInfo = {
  kubeconfig: KUBECONFIG,
  context: CONTEXT,
  namespace: 'berth-bench-kube',
  deployment: 'bench',
};

const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', KUBECONFIG, '--context', CONTEXT, ...args]);

const manifest = `apiVersion: v1
kind: Namespace
metadata: { name: ${target.namespace} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${target.deployment}, namespace: ${target.namespace} }
spec:
  replicas: 0
  selector: { matchLabels: { app: bench } }
  template:
    metadata: { labels: { app: bench } }
    spec:
      containers: [{ name: c, image: berth-fixture/busybox:latest, command: ["sleep", "3600"] }]
      tolerations: [{ operator: Exists }]
`;

/** Berth's pods stream for the bench namespace, counting Running pods. */
function berthPods(ctx: BenchContext): PodCounter {
  const pods = new Map<string, string>();
  let waiter: { n: number; resolve(): void; reject(e: Error): void } | undefined;
  let failed: Error | undefined;
  const check = () => {
    if (!waiter) return;
    if (failed) return waiter.reject(failed);
    const running = [...pods.values()].filter((p) => p === 'Running').length;
    if ((waiter.n === 0 && pods.size === 0) || (waiter.n > 0 && running >= waiter.n)) {
      const w = waiter;
      waiter = undefined;
      w.resolve();
    }
  };
  const sub = ctx.ws.api.kube.pods.subscribe(
    { context: CONTEXT, kubeconfig: KUBECONFIG, namespace: target.namespace },
    {
      onEvent: (e) => {
        if (e.type === 'snapshot') pods.clear();
        if (e.type === 'remove') for (const id of e.ids) pods.delete(id);
        else for (const p of e.items) pods.set(p.id, p.phase);
        check();
      },
      onEnd: (error) => {
        failed = new Error(`Berth's pods stream ended: ${error?.message ?? 'without error'}`);
        check();
      },
    },
  );
  return {
    until: (n) =>
      new Promise<void>((resolve, reject) => {
        waiter = { n, resolve, reject };
        check();
      }),
    close: () => sub.unsubscribe(),
  };
}

const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);

export async function measureKube(ctx: BenchContext): Promise<ResultRow[]> {
  const what = `scale 0→${REPLICAS} until ${REPLICAS} pods Running in the pods stream`;
  const later: ResultRow[] = [];
  if (process.env.BERTH_BENCH_KUBE !== '1')
    return [
      notMeasured('7 kube', what, 'opt-in: BERTH_BENCH_KUBE=1 with a cluster from test/kube-cluster/start.sh'),
      ...later,
    ];
  if (!hasKubeScale()) return [notMeasured('7 kube', what, 'the contract has no kube scale + pod watch yet'), ...later];
  if (!existsSync(KUBECONFIG) || !(await kubectl('get', '--raw', '/readyz').catch(() => ''))) {
    return [
      notMeasured('7 kube', what, `no cluster at ${KUBECONFIG}; start one with test/kube-cluster/start.sh`),
      ...later,
    ];
  }
  await kubectl('delete', 'namespace', target.namespace, '--ignore-not-found', '--wait=true', '--timeout=60s');
  await run('sh', ['-c', `kubectl --kubeconfig ${KUBECONFIG} --context ${CONTEXT} apply -f - <<'EOF'\n${manifest}EOF`]);
  const berth: number[] = [];
  const base: number[] = [];
  const b = berthPods(ctx);
  const c = watchPodsWithClient(target);
  try {
    for (let i = 0; i < RUNS; i++) {
      ctx.log(`kube scale: run ${i + 1}/${RUNS}`);
      await Promise.all([b.until(0), c.until(0)]);
      let t0 = now();
      await scaleWithClient(target, REPLICAS);
      await withTimeout(c.until(REPLICAS), 120_000, 'client-node watch');
      base.push(now() - t0);
      await scaleWithClient(target, 0);
      await withTimeout(Promise.all([b.until(0), c.until(0)]), 120_000, 'scale to 0');
      t0 = now();
      await ctx.ws.api.kube.scale({ ...target, name: target.deployment, replicas: REPLICAS });
      await withTimeout(b.until(REPLICAS), 120_000, 'Berth pods stream');
      berth.push(now() - t0);
      await scaleWithClient(target, 0);
    }
  } finally {
    b.close();
    c.close();
    await kubectl('delete', 'namespace', target.namespace, '--ignore-not-found', '--wait=false').catch(() => '');
  }
  return [
    row({
      section: '7 kube',
      measurement: what,
      berth: median(berth),
      baseline: median(base),
      baselineLabel: 'client-node scale + watch',
      goal: '≤1.3× client-node',
      check: (_b, _c, ratio) => ratio !== null && ratio <= 1.3,
      samples: berth.length,
      note: 'kwok cluster (fake nodes): pods go Running without real containers; the Kubernetes view itself is not timed',
    }),
    ...later,
  ];
}
