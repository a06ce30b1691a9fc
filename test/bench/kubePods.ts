/**
 * 8. Many pods, opt-in like 7 (BERTH_BENCH_KUBE=1, a cluster from test/kube-cluster/start.sh). The
 * Kubernetes view's cluster map in Chromium for a bench namespace: a deployment scaled 0 → N (default
 * 2,000) while requestAnimationFrame deltas are recorded in the page (frame time p95) and the renderer
 * heap is read before and after; then 0 → M (default 500) with the heap sampled every second (slope).
 * Baseline: frame times of the same page with nothing changing. kwok nodes take 110 pods each, so extra
 * fake nodes (berth-bench-node-N, 500 pods each) are created first and deleted at the end.
 * rAF deltas cannot go below the display's vsync interval (16.7 ms at 60 Hz in headless Chromium), so
 * "p95 < 16 ms" reads as "no frame beyond one vsync interval" (p95 < 17.5 ms).
 */
import { existsSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { run } from './cli';
import type { BenchContext } from './context';
import { notMeasured, row, type ResultRow } from './result';
import { quantile, sleep, slopePerMinute } from './stats';
import { formatFrames, ONE_VSYNC_MS, startFrames, stopFrames } from './frameProbe';
import { openKubeNamespace } from './kubePage';
import { fakeNodeYaml, PODS_PER_NODE, scalableDeploymentYaml } from '../helpers/kwokObjects';

const KUBECONFIG = process.env.BERTH_BENCH_KUBECONFIG ?? '/tmp/berth-kube/kubeconfig';
const CONTEXT = process.env.BERTH_BENCH_KUBE_CONTEXT ?? 'berth-test';
const NAMESPACE = 'berth-bench-pods';
const NODE_LABEL = 'berth.bench/node=fake';
const SECTION = '8 kube';
const MiB = 1024 * 1024;

const kubectl = (...args: string[]) =>
  run('kubectl', ['--kubeconfig', KUBECONFIG, '--context', CONTEXT, '--request-timeout=30s', ...args]);
const apply = (yaml: string) =>
  run('sh', [
    '-c',
    `kubectl --kubeconfig ${KUBECONFIG} --context ${CONTEXT} apply -f - >/dev/null <<'EOF'\n${yaml}EOF`,
  ]);

async function cleanupCluster(): Promise<void> {
  await kubectl('delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=false').catch(() => '');
  await kubectl('delete', 'nodes', '-l', NODE_LABEL, '--ignore-not-found', '--wait=false').catch(() => '');
}

const heapUsed = async (cdp: CDPSession, gc: boolean): Promise<number> => {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / MiB;
};

/** Waits until the map shows `pods` pods (all Running when pods > 0), polling the DOM. */
export async function untilMap(page: Page, pods: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const map = document.querySelector('[data-testid="cluster-map"]');
      if (Number(map?.getAttribute('data-pods') ?? -1) !== want) return false;
      if (want === 0) return true;
      // Chips, and the pods big lanes draw on a canvas (data-running).
      const chips = document.querySelectorAll('[data-testid="pod-chip"][data-phase="Running"]:not([data-leaving])');
      const drawn = [...document.querySelectorAll('[data-testid="pod-canvas"]')].reduce(
        (n, c) => n + Number(c.getAttribute('data-running')),
        0,
      );
      return chips.length + drawn === want;
    },
    pods,
    { timeout: timeoutMs, polling: 500 },
  );
}

const fmt = formatFrames;

export async function measureKubePods(ctx: BenchContext): Promise<ResultRow[]> {
  const pods = ctx.config.kubePods;
  const watchPods = ctx.config.kubeWatchPods;
  const what = `cluster map, scale 0 → ${pods.toLocaleString('en')} pods: frame time p95`;
  if (process.env.BERTH_BENCH_KUBE !== '1')
    return [notMeasured(SECTION, what, 'opt-in: BERTH_BENCH_KUBE=1 with a cluster from test/kube-cluster/start.sh')];
  if (!existsSync(KUBECONFIG) || !(await kubectl('get', '--raw', '/readyz').catch(() => '')))
    return [notMeasured(SECTION, what, `no cluster at ${KUBECONFIG}; start one with test/kube-cluster/start.sh`)];
  if (process.env.BERTH_KUBECONFIG !== KUBECONFIG)
    return [notMeasured(SECTION, what, `the bridge was not started with BERTH_KUBECONFIG=${KUBECONFIG}`)];

  await kubectl('delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=true', '--timeout=120s');
  await kubectl('delete', 'nodes', '-l', NODE_LABEL, '--ignore-not-found');
  const baseNodes = Number((await kubectl('get', 'nodes', '--no-headers')).trim().split('\n').filter(Boolean).length);
  const extra = Math.max(0, Math.ceil((pods - baseNodes * 100) / PODS_PER_NODE));
  const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  try {
    if (extra) {
      await apply(Array.from({ length: extra }, (_, i) => fakeNodeYaml(`berth-bench-node-${i}`, NODE_LABEL)).join(''));
      await kubectl('wait', '--for=condition=Ready', 'node', '-l', NODE_LABEL, '--timeout=60s');
    }
    await apply(scalableDeploymentYaml(NAMESPACE, 'many'));
    const nodes = baseNodes + extra;
    ctx.log(`many pods: ${nodes} nodes (${extra} added), opening the cluster map`);

    await cdp.send('Performance.enable');
    await openKubeNamespace(page, ctx.bridge.url, CONTEXT, NAMESPACE);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="cluster-map"]')?.getAttribute('data-nodes')) === n,
      nodes,
      { timeout: 30_000 },
    );
    await sleep(2000);

    // Baseline: the same page, nothing changing.
    await startFrames(page);
    await sleep(5000);
    const idle = await stopFrames(page);

    // Phase 1: 0 → pods while frames are recorded.
    const heapBefore = await heapUsed(cdp, true);
    await startFrames(page);
    const t0 = Date.now();
    await kubectl('-n', NAMESPACE, 'scale', 'deployment', 'many', `--replicas=${pods}`);
    ctx.log(`many pods: scaled to ${pods}, waiting for them on the map`);
    await untilMap(page, pods, 400_000);
    const upMs = Date.now() - t0;
    const busy = await stopFrames(page);
    const heapAfterRaw = await heapUsed(cdp, false);
    const heapAfter = await heapUsed(cdp, true);
    await startFrames(page);
    await sleep(5000);
    const idleFull = await stopFrames(page);
    ctx.log(`many pods: ${pods} Running on the map after ${(upMs / 1000).toFixed(0)} s; scaling to 0`);

    // Phase 2: down to 0, then 0 → watchPods with the heap sampled every second.
    await kubectl('-n', NAMESPACE, 'scale', 'deployment', 'many', '--replicas=0');
    await kubectl('-n', NAMESPACE, 'delete', 'pods', '--all', '--grace-period=0', '--force', '--wait=false').catch(
      () => '',
    );
    await untilMap(page, 0, 300_000);
    await sleep(2000);
    const heapZero = await heapUsed(cdp, true);
    const samples: Array<{ t: number; v: number }> = [];
    const t1 = Date.now();
    await kubectl('-n', NAMESPACE, 'scale', 'deployment', 'many', `--replicas=${watchPods}`);
    ctx.log(`many pods: 0 → ${watchPods}, sampling the heap every second`);
    let reached: number | undefined;
    const done = untilMap(page, watchPods, 300_000).then(() => (reached = Date.now() - t1));
    const deadline = () => reached !== undefined && Date.now() - t1 > reached + 20_000;
    while (!deadline()) {
      samples.push({ t: Date.now() - t1, v: await heapUsed(cdp, false) });
      await Promise.race([sleep(1000), done.then(() => sleep(1000))]);
      if (reached === undefined && Date.now() - t1 > 300_000)
        throw new Error(`${watchPods} pods never reached the map`);
    }
    const heapWatchEnd = await heapUsed(cdp, true);
    const slope = slopePerMinute(samples);
    const tailSlope = slopePerMinute(samples.filter((s) => s.t >= (reached ?? 0)));
    const p95 = quantile(busy, 0.95);
    const p95Idle = quantile(idle, 0.95);
    return [
      row({
        section: SECTION,
        measurement: what,
        berth: p95,
        baseline: p95Idle,
        baselineLabel: 'same page, nothing changing',
        goal: 'p95 < 16 ms: no frame beyond the 16.7 ms vsync interval',
        check: (b) => b < ONE_VSYNC_MS,
        samples: busy.length,
        note: `while scaling: ${fmt(busy)}; idle before: ${fmt(idle)}; idle with ${pods} pods: ${fmt(idleFull)}; ${pods} Running on the map after ${(upMs / 1000).toFixed(0)} s; ${nodes} nodes (${extra} extra fake nodes)`,
      }),
      row({
        section: SECTION,
        measurement: `cluster map: renderer JS heap with ${pods.toLocaleString('en')} pods vs empty (after GC)`,
        unit: 'MiB',
        berth: heapAfter,
        baseline: heapBefore,
        baselineLabel: 'empty map',
        note: `${((heapAfter - heapBefore) / pods) * 1024 > 0 ? (((heapAfter - heapBefore) * 1024) / pods).toFixed(1) : '0'} KiB per pod; ${heapAfterRaw.toFixed(1)} MiB before GC; back at 0 pods: ${heapZero.toFixed(1)} MiB`,
      }),
      row({
        section: SECTION,
        measurement: `cluster map, 0 → ${watchPods} pods then 20 s watching: heap slope`,
        unit: 'MiB/min',
        berth: tailSlope,
        baseline: null,
        baselineLabel: '',
        goal: 'flat: not growing (< 1 MiB/min once settled)',
        check: (b) => b < 1,
        samples: samples.length,
        note: `slope over the whole window ${slope.toFixed(2)} MiB/min (${samples.length} samples, no GC); after GC ${heapZero.toFixed(1)} → ${heapWatchEnd.toFixed(1)} MiB; ${watchPods} Running after ${((reached ?? 0) / 1000).toFixed(0)} s`,
      }),
    ];
  } finally {
    await cdp.detach().catch(() => {});
    await page.close().catch(() => {});
    await cleanupCluster();
  }
}

/** For run.ts's cleanup on Ctrl-C or failure. */
export const cleanupKubePods = (): Promise<void> =>
  process.env.BERTH_BENCH_KUBE === '1' && existsSync(KUBECONFIG) ? cleanupCluster() : Promise.resolve();
