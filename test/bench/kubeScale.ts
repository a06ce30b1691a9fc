/**
 * 17. Scale (issue 12), opt-in by name (BERTH_BENCH_ONLY=scale, with BERTH_BENCH_KUBE=1 and the kwok
 * control plane): a deployment scaled 0 → N (default 10,000) on 50 kwok nodes (the cluster's own plus
 * fake ones from kwokObjects.ts, `berth-scale-node-N`), watched by a bridge of the item's own (started
 * with an inspector) whose page shows the namespace's cluster map. While it scales: the bridge's JS heap
 * after GC and RSS every 10 s beside a plain client-node informer on the same pods in its own node
 * process (informerBaseline.ts). Then the pods churn (every 5 s, `churn` pods deleted; the ReplicaSet
 * replaces them): frame time p95 of the cluster map and of Resources → Pods, each beside the same page
 * with nothing changing, and filter keystrokes' main-thread work on the Pods table beside a bare <input>
 * on the same page (tableProbe.ts). Last, a label set on one pod → on its page (podToScreen.ts), beside
 * `kubectl get -w`. Every row notes the load average, since other work shares the machine's cores.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { RESULTS_DIR, startBridge, type BridgeProcess } from './bridge';
import { startPageProfile } from './profile';
import { run } from './cli';
import type { BenchContext } from './context';
import { formatFrames, ONE_VSYNC_MS, startFrames, stopFrames } from './frameProbe';
import { connectInspector, type HeapInspector } from './inspector';
import { KUBE_CONTEXT, KUBECONFIG, kubectl } from './kubeLoad';
import { openKubeNamespace, openPodPage, openPodsTable } from './kubePage';
import { untilMap } from './kubePods';
import { fakeNodeYaml, scalableDeploymentYaml } from '../helpers/kwokObjects';
import { coreApi, describeSamples, labelToScreen, type ChangeSample } from './podToScreen';
import { notMeasured, row, type ResultRow } from './result';
import { median, p95, sleep, slopePerMinute } from './stats';
import { installKeystrokeProbe, keystrokeRow, readKeystrokes, typeKeystrokes } from './tableProbe';
import { rssMiB } from './procStat';

const SECTION = '17 scale';
const NAMESPACE = 'berth-bench-scale';
const DEPLOYMENT = 'scale';
const NODE_LABEL = 'berth.bench-scale/node=fake';
const NODES = 50;
const FRAME_WINDOW_MS = 30_000;
const IDLE_WINDOW_MS = 10_000;

const load = () => `load ${loadavg()[0]?.toFixed(1)}`;
const apply = (yaml: string) =>
  run('sh', [
    '-c',
    `kubectl --kubeconfig ${KUBECONFIG} --context ${KUBE_CONTEXT} apply -f - >/dev/null <<'EOF'\n${yaml}EOF`,
  ]);

interface Sample {
  t: number;
  berthHeap: number;
  berthRss: number;
  informerHeap: number;
  informerRss: number;
  pods: number;
  running: number;
}

/** The informer baseline in its own process; `sample()` asks it for its heap after GC. */
function startInformer() {
  const script = join(import.meta.dirname, 'informerBaseline.ts');
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', script, KUBECONFIG, KUBE_CONTEXT, NAMESPACE],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  let wake: (() => void) | undefined;
  createInterface({ input: child.stdout }).on('line', (l) => {
    lines.push(l);
    wake?.();
  });
  const nextLine = async (): Promise<string> => {
    const deadline = Date.now() + 60_000;
    while (lines.length === 0) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('the informer baseline did not answer');
      await new Promise<void>((r) => ((wake = r), setTimeout(r, 500)));
    }
    return lines.shift() ?? '';
  };
  return {
    ready: async () => {
      if ((await nextLine()) !== 'ready') throw new Error('the informer baseline did not start');
    },
    sample: async () => {
      child.stdin.write('sample\n');
      return JSON.parse(await nextLine()) as { heapMiB: number; rssMiB: number; pods: number; running: number };
    },
    stop: () => child.kill(),
  };
}

/**
 * Deletes the namespace and the fake nodes. Thousands of pods would leave one by one at the controller
 * manager's 20 requests/s (~8 min for 10,000), so they go first in one delete-collection call, at once.
 */
async function cleanupCluster(wait: boolean): Promise<void> {
  await kubectl('delete', 'namespace', NAMESPACE, '--ignore-not-found', '--wait=false').catch(() => '');
  await kubectl('delete', '--raw', `/api/v1/namespaces/${NAMESPACE}/pods?gracePeriodSeconds=0`).catch(() => '');
  if (wait) await kubectl('wait', '--for=delete', `namespace/${NAMESPACE}`, '--timeout=300s').catch(() => '');
  await kubectl('delete', 'nodes', '-l', NODE_LABEL, '--ignore-not-found', '--wait=false').catch(() => '');
}

/** The item's namespace on the test control plane. */
const target = { kubeconfig: KUBECONFIG, context: KUBE_CONTEXT, namespace: NAMESPACE };

/** Every 5 s, `perTick` pods of the namespace deleted (names from one list; replacements not needed). */
function churn(perTick: number) {
  const core = coreApi(target);
  let names: string[] = [];
  let on = false;
  let ticks = 0;
  let errors = 0;
  let loop: Promise<void> | undefined;
  const tick = async () => {
    if (names.length < perTick)
      names = (await core.listNamespacedPod({ namespace: NAMESPACE })).items.map((p) => p.metadata?.name ?? '');
    const batch = names.splice(0, perTick);
    const results = await Promise.allSettled(
      batch.map((name) => core.deleteNamespacedPod({ name, namespace: NAMESPACE, gracePeriodSeconds: 0 })),
    );
    errors += results.filter((r) => r.status === 'rejected').length;
    ticks++;
  };
  return {
    start() {
      on = true;
      loop = (async () => {
        while (on) {
          const t0 = Date.now();
          await tick().catch(() => void errors++);
          await sleep(Math.max(0, 5000 - (Date.now() - t0)));
        }
      })();
    },
    async stop() {
      on = false;
      await loop;
    },
    describe: () => `${ticks} churn ticks of ${perTick} deletions every 5 s, ${errors} failed deletions`,
  };
}

async function frames(page: Page, ms: number): Promise<number[]> {
  await startFrames(page);
  await sleep(ms);
  return stopFrames(page);
}

/** Frames with nothing changing, then (churn started, 5 s in) frames while churning; the churn goes on. */
async function idleThenChurning(page: Page, churner: { start(): void }) {
  const idle = await frames(page, IDLE_WINDOW_MS);
  churner.start();
  await sleep(5000);
  return { idle, busy: await frames(page, FRAME_WINDOW_MS) };
}

/**
 * With BERTH_BENCH_CPU_PROF=1: a CPU profile of the page over `ms` (after the timed window, so the figure
 * is not measured under the profiler), summarised by self time into the log.
 */
async function profilePage(ctx: BenchContext, page: Page, name: string, ms: number): Promise<void> {
  if (!ctx.config.cpuProfile) return;
  const cdp = await page.context().newCDPSession(page);
  const stop = await startPageProfile(cdp, join(RESULTS_DIR, 'profiles-renderer', name), name);
  await sleep(ms);
  const summary = await stop();
  await cdp.detach();
  ctx.log(`scale: renderer CPU profile, ${name}:\n${summary ?? ''}`);
}

const frameRow = (measurement: string, busy: number[], idle: number[], note: string): ResultRow =>
  row({
    section: SECTION,
    measurement,
    berth: p95(busy),
    baseline: p95(idle),
    baselineLabel: 'same page, nothing changing',
    goal: 'one vsync (p95 < 17.5 ms)',
    check: (b) => b < ONE_VSYNC_MS,
    samples: busy.length,
    note: `churning: ${formatFrames(busy)}; nothing changing: ${formatFrames(idle)}; ${note}`,
  });

export async function measureKubeScale(ctx: BenchContext): Promise<ResultRow[]> {
  const { pods, churn: perTick, changes, minutes } = ctx.config.scale;
  const what = `${pods.toLocaleString('en')} pods on ${NODES} kwok nodes`;
  if (process.env.BERTH_BENCH_KUBE !== '1')
    return [notMeasured(SECTION, what, 'opt-in: BERTH_BENCH_KUBE=1 with a cluster from test/kube-cluster/start.sh')];
  if (!(await kubectl('get', '--raw', '/readyz').catch(() => '')))
    return [notMeasured(SECTION, what, `no cluster at ${KUBECONFIG}; start one with test/kube-cluster/start.sh`)];

  await cleanupCluster(true);
  const baseNodes = (await kubectl('get', 'nodes', '--no-headers')).split('\n').filter(Boolean).length;
  const extra = Math.max(0, NODES - baseNodes);
  await apply(Array.from({ length: extra }, (_, i) => fakeNodeYaml(`berth-scale-node-${i}`, NODE_LABEL)).join(''));
  await kubectl('wait', '--for=condition=Ready', 'node', '-l', NODE_LABEL, '--timeout=120s');
  await apply(scalableDeploymentYaml(NAMESPACE, DEPLOYMENT));

  let bridge: BridgeProcess | undefined;
  let inspector: HeapInspector | undefined;
  const informer = startInformer();
  const churner = churn(perTick);
  const rows: ResultRow[] = [];
  try {
    bridge = await startBridge({
      inspect: true,
      cpuProfile: ctx.config.cpuProfile,
      env: { BERTH_KUBECONFIG: KUBECONFIG },
    });
    running = bridge;
    inspector = await connectInspector(bridge.inspectorUrl ?? '');
    await informer.ready();
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openKubeNamespace(page, bridge.url, KUBE_CONTEXT, NAMESPACE);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="cluster-map"]')?.getAttribute('data-nodes')) === n,
      baseNodes + extra,
      { timeout: 60_000 },
    );
    await sleep(3000);

    // 0 → N with both heaps sampled after GC every 10 s.
    const samples: Sample[] = [];
    const t0 = Date.now();
    const sample = async () => {
      const b = await inspector!.heapAfterGcMiB();
      const i = await informer.sample();
      const s: Sample = {
        t: Date.now() - t0,
        berthHeap: b,
        berthRss: rssMiB(bridge!.pid),
        informerHeap: i.heapMiB,
        informerRss: i.rssMiB,
        pods: i.pods,
        running: i.running,
      };
      samples.push(s);
      return s;
    };
    const first = await sample();
    await startFrames(page);
    await kubectl('-n', NAMESPACE, 'scale', 'deployment', DEPLOYMENT, `--replicas=${pods}`);
    ctx.log(`scale: 0 → ${pods}, sampling both heaps every 10 s (${load()})`);
    let reached = 0;
    for (;;) {
      await sleep(10_000);
      const s = await sample();
      reached = s.running;
      if (samples.length % 6 === 0)
        ctx.log(
          `scale: ${s.running} Running; heap Berth ${s.berthHeap.toFixed(0)} / informer ${s.informerHeap.toFixed(0)} MiB (${load()})`,
        );
      if (s.running >= pods) break;
      if (Date.now() - t0 > minutes * 60_000) {
        ctx.log(`scale: only ${s.running} of ${pods} Running after ${minutes} min; going on with those`);
        // The ReplicaSet removes the pods not Running yet first, so the map settles at the count reached.
        await kubectl('-n', NAMESPACE, 'scale', 'deployment', DEPLOYMENT, `--replicas=${s.running}`);
        break;
      }
    }
    const upMs = Date.now() - t0;
    const count = Math.min(pods, reached);
    await untilMap(page, count, 600_000).catch((e: unknown) => ctx.log(`scale: map not at ${count}: ${String(e)}`));
    const scaleFrames = await stopFrames(page);
    // Settled: 20 s more, then the end figures.
    for (let i = 0; i < 2; i++) {
      await sleep(10_000);
      await sample();
    }
    const end = samples[samples.length - 1]!;
    const maxBerth = Math.max(...samples.map((s) => s.berthHeap));
    const second = samples.filter((s) => s.t >= upMs);
    const reachedNote = count < pods ? `; only ${count} of ${pods} Running after ${minutes} min (see below)` : '';
    const heapNote =
      `start ${first.berthHeap.toFixed(1)} MiB, max ${maxBerth.toFixed(1)} MiB, end ${end.berthHeap.toFixed(1)} MiB ` +
      `(${(((end.berthHeap - first.berthHeap) * 1024) / Math.max(1, count)).toFixed(1)} KiB per pod); informer start ` +
      `${first.informerHeap.toFixed(1)}, max ${Math.max(...samples.map((s) => s.informerHeap)).toFixed(1)} MiB; ` +
      `${samples.length} samples every 10 s over ${(upMs / 1000).toFixed(0)} s to ${count} Running + 20 s; ` +
      `Berth's slope once settled ${slopePerMinute(second.map((s) => ({ t: s.t, v: s.berthHeap }))).toFixed(2)} MiB/min; ${load()}${reachedNote}`;
    rows.push(
      row({
        section: SECTION,
        measurement: `bridge (main process) JS heap after GC, watching 0 → ${count.toLocaleString('en')} pods: at the end`,
        unit: 'MiB',
        berth: end.berthHeap,
        baseline: end.informerHeap,
        baselineLabel: 'plain client-node informer, own node process',
        goal: 'bounded (max ≈ end)',
        check: () => maxBerth <= end.berthHeap * 1.25,
        samples: samples.length,
        note: heapNote,
      }),
      row({
        section: SECTION,
        measurement: `bridge (main process) RSS, watching 0 → ${count.toLocaleString('en')} pods: at the end`,
        unit: 'MiB',
        berth: end.berthRss,
        baseline: end.informerRss,
        baselineLabel: 'plain client-node informer, own node process',
        samples: samples.length,
        note: `Berth start ${first.berthRss.toFixed(0)}, max ${Math.max(...samples.map((s) => s.berthRss)).toFixed(0)} MiB; informer start ${first.informerRss.toFixed(0)}, max ${Math.max(...samples.map((s) => s.informerRss)).toFixed(0)} MiB; the bridge also serves the page's map over its WebSocket`,
      }),
    );
    ctx.log(
      `scale: ${count} Running after ${(upMs / 1000).toFixed(0)} s; map frames while scaling ${formatFrames(scaleFrames)}`,
    );

    // The cluster map: nothing changing, then churning.
    const { idle: mapIdle, busy: mapBusy } = await idleThenChurning(page, churner);
    rows.push(
      frameRow(
        `cluster map, ${count.toLocaleString('en')} pods churning (${perTick} deleted every 5 s): frame time p95`,
        mapBusy,
        mapIdle,
        `while scaling up: ${formatFrames(scaleFrames)}; ${load()}`,
      ),
    );
    await profilePage(ctx, page, 'map-churn', 15_000);
    await churner.stop();
    ctx.log(`scale: map done (${load()}); the Pods table`);

    // Resources → Pods: nothing changing, then churning with keystrokes.
    await openPodsTable(page);
    await sleep(15_000);
    const { idle: tableIdle, busy: tableBusy } = await idleThenChurning(page, churner);
    rows.push(
      frameRow(
        `Resources → Pods table, ${count.toLocaleString('en')} pods churning: frame time p95`,
        tableBusy,
        tableIdle,
        load(),
      ),
    );
    await installKeystrokeProbe(page);
    const n = ctx.config.keystrokes;
    await page.getByLabel('Filter Pods', { exact: true }).click();
    await typeKeystrokes(page, 'app', 'scale-5', n);
    await page.getByLabel('bench bare input').click();
    await typeKeystrokes(page, 'bare', 'scale-5', n);
    const app = await readKeystrokes(page, 'app');
    const bare = await readKeystrokes(page, 'bare');
    await profilePage(ctx, page, 'table-churn', 15_000);
    await churner.stop();
    rows.push(
      keystrokeRow(
        SECTION,
        `Pods table, ${count.toLocaleString('en')} pods churning: filter keystroke main-thread work, p95`,
        app,
        bare,
        `; ${churner.describe()}; ${load()}`,
      ),
    );

    // A label set on one pod → on its page (a fresh page: no probes left from above).
    await page.close();
    const detail = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await openKubeNamespace(detail, bridge.url, KUBE_CONTEXT, NAMESPACE);
    await openPodsTable(detail);
    const pod = (
      await coreApi(target).listNamespacedPod({ namespace: NAMESPACE, fieldSelector: 'status.phase=Running', limit: 1 })
    ).items[0]?.metadata?.name;
    if (!pod) throw new Error('no Running pod for the label changes');
    await openPodPage(detail, pod);
    ctx.log(`scale: ${changes} label changes on ${pod} (${load()})`);
    const changed = await labelToScreen(detail, target, pod, changes);
    rows.push(
      ...changeRows(
        `label set on a pod (kwok, ${count.toLocaleString('en')} pods in the namespace) → on its page`,
        changed,
      ),
    );
    await detail.close();
  } catch (e) {
    // What was measured before a step failed still counts (a saturated page can time out a later step).
    if (rows.length === 0) throw e;
    rows.push(notMeasured(SECTION, `${what}: the later steps`, `failed: ${(e as Error).message.split('\n')[0] ?? ''}`));
  } finally {
    await churner.stop();
    informer.stop();
    inspector?.close();
    await bridge?.stop();
    running = undefined;
    await cleanupCluster(false);
  }
  return rows;
}

/** p50 and p95 rows of an event → screen series, beside `kubectl get -w`. */
export function changeRows(what: string, xs: ChangeSample[]): ResultRow[] {
  const common = { section: SECTION, baselineLabel: 'kubectl get -w sees it', samples: xs.length };
  return [
    row({
      ...common,
      measurement: `${what}, p50`,
      berth: median(xs.map((x) => x.frame)),
      baseline: median(xs.map((x) => x.cli)),
      note: `${describeSamples(xs)}; ${load()}`,
    }),
    row({
      ...common,
      measurement: `${what}, p95`,
      berth: p95(xs.map((x) => x.frame)),
      baseline: p95(xs.map((x) => x.cli)),
      goal: 'p95 < 150 ms',
      check: (b) => b < 150,
    }),
  ];
}

/** The item's own bridge while it runs, for run.ts's cleanup. */
let running: BridgeProcess | undefined;

/** For run.ts's cleanup on Ctrl-C or failure. */
export async function cleanupKubeScale(): Promise<void> {
  await running?.stop();
  if (process.env.BERTH_BENCH_KUBE === '1') await cleanupCluster(false);
}
