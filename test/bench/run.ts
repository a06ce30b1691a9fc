/**
 * `npm run bench`: sets up load on the real engine, measures Berth beside its baselines in the same run,
 * cleans up (also on failure or Ctrl-C), prints a table and writes test/bench/results/latest.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import { startBridge, RESULTS_DIR, type BridgeProcess } from './bridge';
import { routerClient, wsClient, type BenchClient } from './clients';
import { loadConfig } from './config';
import type { BenchContext } from './context';
import { cleanAll } from './load';
import { describeMachine, machineInfo } from './machine';
import { notMeasured, type ResultRow } from './result';
import { formatTable } from './table';
import { measureListLatency } from './listLatency';
import { measureEventToScreen } from './eventToScreen';
import { measureIdle } from './idle';
import { measureTagBurst } from './tagBurst';
import { measureBigTables } from './bigTables';
import { measureLogs } from './logs';
import { measureComposeUp } from './composeUp';
import { measureKube } from './kube';
import { cleanupKubePods, measureKubePods } from './kubePods';
import { measureKind } from './kind';
import { KIND_BIN } from '../helpers/kubeCluster';
import { measureLogsView } from './logsView';
import { measureLogSession } from './logSession';
import { measureStatsView } from './statsView';
import { measureKubeForward } from './kubeForward';
import { summarizeProfiles } from './profile';
import { measureModern } from './modernEngine';
import { measureRemote } from './remoteEngines';
import { measureViews } from './views';
import { measureLoad } from './loadViews';
import { measureChurn } from './churn';
import { cleanLoad } from './scaleLoad';
import { cleanKubeLoad } from './kubeLoad';
import { cleanupKubeScale, measureKubeScale } from './kubeScale';
import { measureKindPodToScreen } from './kindPodToScreen';

const config = loadConfig();
const t0 = Date.now();
const log = (m: string) => process.stderr.write(`[bench +${((Date.now() - t0) / 1000).toFixed(0)}s] ${m}\n`);
const wanted = (name: string) => !config.only || config.only.has(name);
/** The long items (issue 16's load and the soak) run only when named in BERTH_BENCH_ONLY. */
const named = (name: string) => config.only?.has(name) === true;

let bridge: BridgeProcess | undefined;
let ws: BenchClient | undefined;
let router: BenchClient | undefined;
let browser: Browser | undefined;
let cleaning: Promise<void> | undefined;

const cleanup = (): Promise<void> =>
  (cleaning ??= (async () => {
    ws?.close();
    router?.close();
    await browser?.close().catch(() => {});
    await bridge?.stop().catch(() => {});
    await cleanupKubePods().catch((e: unknown) => log(`kube cleanup failed: ${String(e)}`));
    await cleanKubeLoad().catch((e: unknown) => log(`kube load cleanup failed: ${String(e)}`));
    await cleanupKubeScale().catch((e: unknown) => log(`kube scale cleanup failed: ${String(e)}`));
    const load = await cleanLoad(config.parallel).catch(() => undefined);
    if (load?.containers || load?.tags || load?.volumes)
      log(`cleanup: removed load ${load.containers} containers, ${load.tags} tags, ${load.volumes} volumes`);
    const removed = await cleanAll(config.parallel).catch((e: unknown) => {
      log(`cleanup failed: ${String(e)}`);
      return undefined;
    });
    if (removed) log(`cleanup: removed ${removed.containers} containers, ${removed.tags} tags`);
  })());

process.on('unhandledRejection', (e) => log(`unhandled rejection: ${String(e)}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Runs one measurement; a failure becomes a "not measured" row instead of ending the run. */
async function guarded(section: string, what: string, fn: () => Promise<ResultRow[]>): Promise<ResultRow[]> {
  const started = Date.now();
  try {
    const rows = await fn();
    log(`${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return rows;
  } catch (e) {
    log(`${what} failed: ${(e as Error).stack ?? String(e)}`);
    return [notMeasured(section, what, `failed: ${(e as Error).message.split('\n')[0] ?? ''}`)];
  }
}

async function main(): Promise<void> {
  const machine = await machineInfo();
  log(describeMachine(machine));
  const leftovers = await cleanAll(config.parallel);
  if (leftovers.containers || leftovers.tags)
    log(`removed leftovers: ${leftovers.containers} containers, ${leftovers.tags} tags`);

  // The Kubernetes view (8) reads the bench cluster's kubeconfig through the bridge.
  if (process.env.BERTH_BENCH_KUBE === '1')
    process.env.BERTH_KUBECONFIG ??= process.env.BERTH_BENCH_KUBECONFIG ?? '/tmp/berth-kube/kubeconfig';
  // Real kind clusters (10): the bridge runs the kind binary the cluster build caches, writing to its own file.
  if (process.env.BERTH_BENCH_KIND === '1') {
    process.env.BERTH_KIND ??= KIND_BIN;
    process.env.BERTH_KUBECONFIG ??= '/tmp/berth-bench-kind.kubeconfig';
  }
  // The bridges' CPU profiles of this run only: the summary reads every profile in the folder.
  if (config.cpuProfile) rmSync(join(RESULTS_DIR, 'profiles'), { recursive: true, force: true });
  bridge = await startBridge({ cpuProfile: config.cpuProfile, floorPages: true });
  ws = await wsClient(bridge);
  router = routerClient();
  browser = await launchChromium();
  const ctx: BenchContext = { config, bridge, ws, router, browser, log, shared: new Map() };

  const rows: ResultRow[] = [];
  if (wanted('list')) rows.push(...(await guarded('1 list', 'list latency', () => measureListLatency(ctx))));
  let page: Page | undefined;
  if (wanted('event'))
    rows.push(
      ...(await guarded('2 event', 'event to screen', async () => {
        const r = await measureEventToScreen(ctx);
        page = r.page;
        return r.rows;
      })),
    );
  if (wanted('idle')) rows.push(...(await guarded('6 idle', 'idle cost', () => measureIdle(ctx, page))));
  await page?.close();
  if (wanted('stats')) rows.push(...(await guarded('9 stats', 'stats streams', () => measureStatsView(ctx))));
  if (wanted('tables')) rows.push(...(await guarded('3 tables', 'big tables', () => measureBigTables(ctx))));
  if (wanted('burst')) rows.push(...(await guarded('18 burst', 'burst of image events', () => measureTagBurst(ctx))));
  if (wanted('logs')) rows.push(...(await guarded('4 logs', 'logs', () => measureLogs(ctx))));
  if (wanted('logsession')) rows.push(...(await guarded('4 logs', 'whole log', () => measureLogSession(ctx))));
  if (wanted('logsview')) rows.push(...(await guarded('4 logs', 'logs view', () => measureLogsView(ctx))));
  if (wanted('compose')) rows.push(...(await guarded('5 compose', 'compose up', () => measureComposeUp(ctx))));
  if (wanted('kube')) rows.push(...(await guarded('7 kube', 'kubernetes', () => measureKube(ctx))));
  if (wanted('pods')) rows.push(...(await guarded('8 kube', 'many pods', () => measureKubePods(ctx))));
  if (wanted('kind')) rows.push(...(await guarded('10 kind', 'real kind', () => measureKind(ctx))));
  if (wanted('views')) rows.push(...(await guarded('13 views', 'views, cold', () => measureViews(ctx))));
  if (wanted('forward'))
    rows.push(...(await guarded('11 forward', 'port-forward throughput', () => measureKubeForward(ctx))));
  if (wanted('modern')) rows.push(...(await guarded('12 modern', "today's Docker", () => measureModern(ctx))));
  if (wanted('remote')) rows.push(...(await guarded('14 remote', 'remote engines', () => measureRemote(ctx))));
  if (named('load')) rows.push(...(await guarded('15 load', 'load', () => measureLoad(ctx, named('churn')))));
  if (named('churn')) rows.push(...(await guarded('16 churn', 'churn', () => measureChurn(ctx))));
  if (named('scale')) rows.push(...(await guarded('17 scale', 'scale', () => measureKubeScale(ctx))));
  if (named('podkind'))
    rows.push(...(await guarded('17 scale', 'pod change on kind', () => measureKindPodToScreen(ctx))));
  rows.sort((a, b) => a.section.localeCompare(b.section, 'en', { numeric: true }));

  await cleanup();
  const profile = config.cpuProfile ? summarizeProfiles(join(RESULTS_DIR, 'profiles')) : undefined;
  const wallSeconds = (Date.now() - t0) / 1000;
  process.stdout.write(`\n${describeMachine(machine)}\n\n${formatTable(rows)}\n`);
  if (profile) process.stdout.write(`\nbridge CPU profile (self time):\n${profile}\n`);
  process.stdout.write(`\nwall time: ${wallSeconds.toFixed(0)} s\n`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, 'latest.json');
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        wallSeconds,
        machine,
        config: { ...config, only: config.only ? [...config.only] : null },
        rows,
        profile,
      },
      null,
      2,
    ) + '\n',
  );
  process.stdout.write(`results: ${file}\n`);
}

try {
  await main();
} catch (e) {
  log(`bench failed: ${(e as Error).stack ?? String(e)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
