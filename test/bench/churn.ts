/**
 * 15. Churn (issue 16): with the load of item 14 on the engine (and on kwok with BERTH_BENCH_KUBE=1), the
 * bridge and one Chromium page open on a view that changes every minute, the engine keeps changing at a
 * steady rate for BERTH_BENCH_CHURN_MIN minutes (cycles start on schedule, at most 4 at once): each cycle creates and starts a container, stops the one
 * started 3 cycles before, removes the one 6 before, adds an image tag and removes the one 6 before; every
 * 20 s the kwok deployment is scaled up or down by BERTH_BENCH_CHURN_PODS. Every 10 s: the bridge's
 * resident set (/proc/<pid>/status VmRSS; it is a child process, so no heap figure without an inspector)
 * and the renderer's JS heap after a forced GC (CDP). The figure is the least-squares slope over the second
 * half (after warm-up), and the verdict "no growth trend" holds when slope × the whole duration is below
 * RENDERER_LIMIT_MIB / BRIDGE_LIMIT_MIB.
 */
import type { ResultRow } from './result';
import { row } from './result';
import type { BenchContext } from './context';
import { engine, engineJson } from './engine';
import { cleanKubeLoad, createKubeLoad, kubeUnavailable, scaleLoad } from './kubeLoad';
import { bridgeRssMiB, rendererHeapMiB } from './memory';
import { cleanLoad, createLoad, createLoadContainer, keptLoad, LOAD_IMAGE_REPO } from './scaleLoad';
import { FIXTURE_BUSYBOX } from './config';
import { sleep, slopePerMinute } from './stats';

const SECTION = '15 churn';
/** Growth over the whole run (slope of the second half × duration) below which there is no trend. */
export const RENDERER_LIMIT_MIB = 5;
export const BRIDGE_LIMIT_MIB = 20;
const MAX_IN_FLIGHT = 4;

interface Sample {
  t: number;
  view: string;
  bridgeRss: number;
  rendererHeap: number;
}

/** One cycle of engine churn; failures are counted, not fatal (the engine is shared and busy). */
async function churnCycle(i: number, ids: Map<number, string>, errors: string[]): Promise<void> {
  const step = async (what: string, f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      errors.push(`${what}: ${(e as Error).message.split('\n')[0] ?? ''}`);
    }
  };
  await step('create+start', async () => {
    const id = await createLoadContainer('churn', i);
    ids.set(i, id);
    await engineJson('POST', `/containers/${id}/start`);
  });
  const stop = ids.get(i - 3);
  if (stop) await step('stop', () => engineJson('POST', `/containers/${stop}/stop?t=0`));
  const remove = ids.get(i - 6);
  if (remove) {
    ids.delete(i - 6);
    await step('remove', () => engineJson('DELETE', `/containers/${remove}?force=1`));
  }
  await step('tag', () =>
    engineJson('POST', `/images/${encodeURIComponent(FIXTURE_BUSYBOX)}/tag?repo=${LOAD_IMAGE_REPO}&tag=churn-${i}`),
  );
  if (i >= 6)
    await step('untag', () => engine('DELETE', `/images/${encodeURIComponent(`${LOAD_IMAGE_REPO}:churn-${i - 6}`)}`));
}

const fmtSeries = (xs: number[]) => `${(xs[0] ?? 0).toFixed(1)} → ${(xs[xs.length - 1] ?? 0).toFixed(1)} MiB`;

export async function measureChurn(ctx: BenchContext): Promise<ResultRow[]> {
  const cfg = ctx.config;
  const kube = !(await kubeUnavailable());
  const viewNames = ['containers', 'images', 'volumes', 'compose', ...(kube ? ['kubernetes'] : [])];
  const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  try {
    if (keptLoad.engine) ctx.log('churn: on the load the load item made');
    else {
      await cleanLoad(cfg.parallel);
      await createLoad(cfg.load, cfg.parallel, ctx.log);
    }
    if (kube && !keptLoad.kube) await createKubeLoad(cfg.load.pods, ctx.log);
    await page.addInitScript('globalThis.__name = (f) => f;');
    page.on('pageerror', (e) => process.stderr.write(`[bench] page error: ${String(e)}\n`));
    await page.goto(`${ctx.bridge.url}#/${viewNames[0] ?? 'containers'}`);
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 60_000 });
    await sleep(5000);

    const durationMs = cfg.churnMinutes * 60_000;
    const t0 = Date.now();
    const samples: Sample[] = [];
    const errors: string[] = [];
    let stopped = false;
    let cycles = 0;
    const ids = new Map<number, string>();
    const engineChurn = (async () => {
      // Cycles start on schedule, up to MAX_IN_FLIGHT at once: a slow engine lowers the rate only then.
      const period = 1000 / cfg.churnRate;
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; !stopped; i++) {
        const started = Date.now();
        while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
        const cycle: Promise<void> = churnCycle(i, ids, errors).then(() => {
          cycles++;
          inFlight.delete(cycle);
        });
        inFlight.add(cycle);
        await sleep(Math.max(0, period - (Date.now() - started)));
      }
      await Promise.all(inFlight);
    })();
    const kubeChurn = (async () => {
      if (!kube || cfg.churnPods === 0) return;
      for (let up = true; !stopped; up = !up) {
        await scaleLoad(cfg.load.pods + (up ? cfg.churnPods : 0)).catch((e: unknown) =>
          errors.push(`scale: ${String(e)}`),
        );
        await sleep(20_000);
      }
    })();
    let view = viewNames[0] ?? 'containers';
    while (Date.now() - t0 < durationMs) {
      const minute = Math.floor((Date.now() - t0) / 60_000);
      const next = viewNames[minute % viewNames.length] ?? 'containers';
      if (next !== view) {
        view = next;
        await page.evaluate((v) => (location.hash = `#/${v}`), view);
      }
      samples.push({
        t: Date.now() - t0,
        view,
        bridgeRss: bridgeRssMiB(ctx.bridge.pid),
        rendererHeap: await rendererHeapMiB(cdp, true),
      });
      if (samples.length % 6 === 0) {
        const s = samples[samples.length - 1];
        ctx.log(
          `churn ${((Date.now() - t0) / 60_000).toFixed(1)} min on ${view}: bridge RSS ${s?.bridgeRss.toFixed(1)} MiB, ` +
            `renderer heap ${s?.rendererHeap.toFixed(1)} MiB, ${cycles} cycles, ${errors.length} errors`,
        );
      }
      await sleep(cfg.churnSampleSeconds * 1000 - ((Date.now() - t0) % (cfg.churnSampleSeconds * 1000)));
    }
    stopped = true;
    await Promise.all([engineChurn, kubeChurn]);
    const minutes = (Date.now() - t0) / 60_000;
    const secondHalf = samples.filter((s) => s.t >= durationMs / 2);
    const result = (what: string, key: 'bridgeRss' | 'rendererHeap', limit: number, how: string): ResultRow => {
      const slope = slopePerMinute(secondHalf.map((s) => ({ t: s.t, v: s[key] })));
      const all = samples.map((s) => s[key]);
      const verdict = slope * minutes < limit ? 'no growth trend' : 'GROWING';
      return row({
        section: SECTION,
        measurement: `${what} over ${minutes.toFixed(0)} min of churn: slope over the second half`,
        unit: 'MiB/min',
        berth: slope,
        baseline: null,
        baselineLabel: '',
        goal: `${verdict}: slope × ${minutes.toFixed(0)} min < ${limit} MiB`,
        check: (b) => b * minutes < limit,
        samples: secondHalf.length,
        note:
          `${verdict}; ${how}; start → end ${fmtSeries(all)}, min ${Math.min(...all).toFixed(1)}, ` +
          `max ${Math.max(...all).toFixed(1)}; whole-run slope ${slopePerMinute(samples.map((s) => ({ t: s.t, v: s[key] }))).toFixed(2)} MiB/min; ` +
          `${cycles} churn cycles (${(cycles * 5).toLocaleString('en')} engine operations), ${errors.length} failed` +
          (errors[0] ? ` (first: ${errors[0]})` : '') +
          `; views rotated every minute: ${viewNames.join(', ')}; load ${cfg.load.containers} containers, ` +
          `${cfg.load.images} tags, ${cfg.load.volumes} volumes, ${cfg.load.stacks} stacks` +
          (kube ? `, ${cfg.load.pods} pods ± ${cfg.churnPods} every 20 s` : ''),
      });
    };
    return [
      result('bridge (main) RSS', 'bridgeRss', BRIDGE_LIMIT_MIB, 'VmRSS of the bridge child process, no forced GC'),
      result(
        'renderer JS heap',
        'rendererHeap',
        RENDERER_LIMIT_MIB,
        'JSHeapUsedSize after HeapProfiler.collectGarbage',
      ),
    ];
  } finally {
    await cdp.detach().catch(() => {});
    await page.close().catch(() => {});
    const removed = await cleanLoad(cfg.parallel);
    ctx.log(`churn: removed ${removed.containers} containers, ${removed.tags} tags, ${removed.volumes} volumes`);
    if (kube) await cleanKubeLoad();
  }
}
