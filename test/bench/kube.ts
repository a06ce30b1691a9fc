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

const kwokTarget: KubeTargetInfo = {
  kubeconfig: KUBECONFIG,
  context: CONTEXT,
  namespace: 'berth-bench-kube',
  deployment: 'bench',
};

const kubectl = (...args: string[]) => run('kubectl', ['--kubeconfig', KUBECONFIG, '--context', CONTEXT, ...args]);

const manifest = (target: KubeTargetInfo) => `apiVersion: v1
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
      containers: [{ name: c, image: berth-fixture/busybox:latest, imagePullPolicy: IfNotPresent, command: ["sleep", "3600"] }]
      tolerations: [{ operator: Exists }]
`;

/** Berth's pods stream for the bench namespace, counting Running pods. */
function berthPods(ctx: BenchContext, target: KubeTargetInfo): PodCounter {
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
    { context: target.context, kubeconfig: target.kubeconfig, namespace: target.namespace },
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
  if (process.env.BERTH_BENCH_KUBE !== '1')
    return [notMeasured('7 kube', what, 'opt-in: BERTH_BENCH_KUBE=1 with a cluster from test/kube-cluster/start.sh')];
  if (!hasKubeScale()) return [notMeasured('7 kube', what, 'the contract has no kube scale + pod watch yet')];
  if (!existsSync(KUBECONFIG) || !(await kubectl('get', '--raw', '/readyz').catch(() => ''))) {
    return [notMeasured('7 kube', what, `no cluster at ${KUBECONFIG}; start one with test/kube-cluster/start.sh`)];
  }
  return [
    await measureScale(ctx, {
      section: '7 kube',
      target: kwokTarget,
      replicas: REPLICAS,
      runs: RUNS,
      goal: 1.3,
      note: 'kwok cluster (fake nodes): pods go Running without real containers; the Kubernetes view itself is not timed',
    }),
  ];
}

export interface ScaleBench {
  section: string;
  target: KubeTargetInfo;
  replicas: number;
  runs: number;
  /** The ratio to the client-node baseline that meets the goal. */
  goal: number;
  note: string;
}

/** Scale 0→N until N pods Running: Berth's pods stream vs a plain client scale + watch, alternating. */
export async function measureScale(ctx: BenchContext, bench: ScaleBench): Promise<ResultRow> {
  const { target, replicas: n } = bench;
  const kubectlOn = (...args: string[]) =>
    run('kubectl', ['--kubeconfig', target.kubeconfig, '--context', target.context, ...args]);
  await kubectlOn('delete', 'namespace', target.namespace, '--ignore-not-found', '--wait=true', '--timeout=60s');
  await run('sh', [
    '-c',
    `kubectl --kubeconfig ${target.kubeconfig} --context ${target.context} apply -f - <<'EOF'\n${manifest(target)}EOF`,
  ]);
  const berth: number[] = [];
  const base: number[] = [];
  const b = berthPods(ctx, target);
  const c = watchPodsWithClient(target);
  try {
    for (let i = 0; i < bench.runs; i++) {
      ctx.log(`${bench.section} scale: run ${i + 1}/${bench.runs}`);
      await Promise.all([b.until(0), c.until(0)]);
      let t0 = now();
      await scaleWithClient(target, n);
      await withTimeout(c.until(n), 180_000, 'client-node watch');
      base.push(now() - t0);
      await scaleWithClient(target, 0);
      await withTimeout(Promise.all([b.until(0), c.until(0)]), 180_000, 'scale to 0');
      t0 = now();
      await ctx.ws.api.kube.scale({ ...target, name: target.deployment, replicas: n });
      await withTimeout(b.until(n), 180_000, 'Berth pods stream');
      berth.push(now() - t0);
      await scaleWithClient(target, 0);
    }
  } finally {
    b.close();
    c.close();
    await kubectlOn('delete', 'namespace', target.namespace, '--ignore-not-found', '--wait=false').catch(() => '');
  }
  return row({
    section: bench.section,
    measurement: `scale 0→${n} until ${n} pods Running in the pods stream`,
    berth: median(berth),
    baseline: median(base),
    baselineLabel: 'client-node scale + watch',
    goal: `≤${bench.goal}× client-node`,
    check: (_b, _c, ratio) => ratio !== null && ratio <= bench.goal,
    samples: berth.length,
    note: bench.note,
  });
}
