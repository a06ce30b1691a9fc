/**
 * 14. Load (issue 16): 5,000 containers (created, not started; 100 compose stacks among them), 2,000 image
 * tags, 200 volumes on the engine, and with BERTH_BENCH_KUBE=1 10,000 pods on the kwok control plane (all
 * scaled down by the BERTH_BENCH_LOAD_* knobs). For each view: navigation → the first rows painted (3 fresh
 * pages, median) beside the CLI listing the same, and a filter keystroke's main-thread work (p95) beside
 * the same keystrokes in a bare input on the same page (tableProbe.ts). The notes give the DOM size (is
 * the view virtualized?) and the renderer's JS heap after GC with the view open.
 */
import type { CDPSession, Page } from 'playwright-core';
import { docker, run } from './cli';
import type { BenchContext } from './context';
import { cleanKubeLoad, createKubeLoad, KUBE_CONTEXT, KUBECONFIG, kubeUnavailable, LOAD_NAMESPACE } from './kubeLoad';
import { pickNamespace } from './kubePage';
import { rendererHeapMiB } from './memory';
import { pageReport, REPORT_PREFIX } from './pageReport';
import { notMeasured, row, type ResultRow } from './result';
import { cleanLoad, createLoad, keptLoad, LOAD_LABEL } from './scaleLoad';
import { median, now, sleep } from './stats';
import { installKeystrokeProbe, keystrokeRow, readKeystrokes, typeKeystrokes } from './tableProbe';

const SECTION = '14 load';

interface LoadView {
  name: string;
  route: string;
  /** A selector that matches once the view's first rows (or stacks) are in the DOM. */
  rows: string;
  /** The view's filter input (aria-label). */
  filterLabel: string;
  typed: string;
  /** Gets the page from the route to where the timed click happens (Kubernetes); undefined: navigation. */
  prepare?(page: Page): Promise<void>;
  /** The timed click, when there is one. */
  click?(page: Page): Promise<void>;
  cli: () => Promise<string>;
  cliLabel: string;
  count: string;
}

interface FirstSeen {
  t0: number;
  seen?: number;
  frame?: number;
  domNodes?: number;
  matches?: number;
}

/**
 * Stamps when `selector` first matches, and the frame after; from now (t0) or from navigation (t0 = 0).
 * Reports them by a console message (pageReport.ts).
 */
const FIRST_PROBE = (arg: { selector: string; fromNavigation: boolean; prefix: string }) => {
  const first: FirstSeen = { t0: arg.fromNavigation ? 0 : performance.now() };
  const check = () => {
    if (first.seen !== undefined || !document.querySelector(arg.selector)) return;
    first.seen = performance.now();
    observer.disconnect();
    requestAnimationFrame(() =>
      setTimeout(() => {
        first.frame = performance.now();
        first.domNodes = document.querySelectorAll('*').length;
        first.matches = document.querySelectorAll(arg.selector).length;
        console.debug(`${arg.prefix} first-seen ${JSON.stringify(first)}`);
      }, 0),
    );
  };
  const observer = new MutationObserver(check);
  const start = () => {
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    check();
  };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
};

/** The probe's figures: ms to the frame after the first match, and the DOM then. */
async function readFirst(reported: Promise<FirstSeen>): Promise<{ ms: number; domNodes: number; matches: number }> {
  const f = (await reported) as Required<FirstSeen>;
  return { ms: f.frame - f.t0, domNodes: f.domNodes, matches: f.matches };
}

const tableRows = (testId: string) => `[data-testid="${testId}"] [role="row"][data-key]`;

const kubePrepare = async (page: Page) => {
  await pickNamespace(page, KUBE_CONTEXT, LOAD_NAMESPACE);
  await page.getByRole('tab', { name: 'Resources' }).click();
  await page.getByTestId('kind-picker').waitFor({ timeout: 30_000 });
};

function views(counts: {
  containers: number;
  images: number;
  volumes: number;
  stacks: number;
  pods: number;
}): LoadView[] {
  const engineViews: LoadView[] = [
    {
      name: 'Containers',
      route: 'containers',
      rows: tableRows('containers-table'),
      filterLabel: 'Filter containers',
      typed: 'load-c-0001',
      cli: () => docker('ps', '-a'),
      cliLabel: 'docker ps -a',
      count: `${counts.containers.toLocaleString('en')} containers`,
    },
    {
      name: 'Images',
      route: 'images',
      rows: tableRows('images-table'),
      filterLabel: 'Filter images',
      typed: 'tag:t001',
      cli: () => docker('images'),
      cliLabel: 'docker images',
      count: `${counts.images.toLocaleString('en')} tags`,
    },
    {
      name: 'Volumes',
      route: 'volumes',
      rows: tableRows('volumes-table'),
      filterLabel: 'Filter volumes',
      typed: 'v0001',
      cli: () => docker('volume', 'ls'),
      cliLabel: 'docker volume ls',
      count: `${counts.volumes.toLocaleString('en')} volumes`,
    },
    {
      name: 'Compose',
      route: 'compose',
      rows: '[data-testid="stacks"] > *',
      filterLabel: 'Filter stacks',
      typed: 's0001',
      cli: () => docker('ps', '-a', '--filter', 'label=com.docker.compose.project'),
      cliLabel: 'docker ps -a --filter label=com.docker.compose.project',
      count: `${counts.stacks.toLocaleString('en')} stacks`,
    },
  ];
  if (process.env.BERTH_BENCH_KUBE !== '1') return engineViews;
  return [
    ...engineViews,
    {
      name: 'Kubernetes Pods (Resources tab)',
      route: 'kubernetes',
      rows: tableRows('resource-table'),
      filterLabel: 'Filter Pods',
      typed: 'load-5',
      prepare: kubePrepare,
      click: (page) => page.locator('[data-testid="kind-picker"] button', { hasText: /^Pods$/ }).click(),
      cli: () => run('kubectl', ['--kubeconfig', KUBECONFIG, '--context', KUBE_CONTEXT, 'get', 'pods', '-A']),
      cliLabel: 'kubectl get pods -A',
      count: `${counts.pods.toLocaleString('en')} pods`,
    },
  ];
}

async function openTimed(
  ctx: BenchContext,
  v: LoadView,
): Promise<{ page: Page; first: Awaited<ReturnType<typeof readFirst>> }> {
  const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript('globalThis.__name = (f) => f;');
  page.on('pageerror', (e) => process.stderr.write(`[bench] page error: ${String(e)}\n`));
  let reported: Promise<FirstSeen>;
  if (v.click) {
    await page.goto(`${ctx.bridge.url}#/${v.route}`);
    await v.prepare?.(page);
    reported = pageReport<FirstSeen>(page, 'first-seen', 120_000);
    await page.evaluate(FIRST_PROBE, { selector: v.rows, fromNavigation: false, prefix: REPORT_PREFIX });
    await v.click(page);
  } else {
    reported = pageReport<FirstSeen>(page, 'first-seen', 120_000);
    await page.addInitScript(FIRST_PROBE, { selector: v.rows, fromNavigation: true, prefix: REPORT_PREFIX });
    await page.goto(`${ctx.bridge.url}#/${v.route}`);
  }
  return { page, first: await readFirst(reported) };
}

async function measureView(ctx: BenchContext, v: LoadView): Promise<ResultRow[]> {
  const reps = 3;
  const firsts: Array<Awaited<ReturnType<typeof readFirst>>> = [];
  let page: Page | undefined;
  for (let i = 0; i < reps; i++) {
    await page?.close();
    const r = await openTimed(ctx, v);
    page = r.page;
    firsts.push(r.first);
    await sleep(500);
  }
  if (!page) throw new Error('no page');
  const cli: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = now();
    await v.cli();
    cli.push(now() - t0);
  }
  await sleep(2000); // the whole list arrives and renders after the first rows
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const heap = await rendererHeapMiB(cdp, true);
  const dom = await page.evaluate(
    (sel) => ({ nodes: document.querySelectorAll('*').length, matches: document.querySelectorAll(sel).length }),
    v.rows,
  );
  await cdp.detach().catch(() => {});
  const last = firsts[firsts.length - 1];
  const what = `${v.name}, ${v.count}`;
  const out: ResultRow[] = [
    row({
      section: SECTION,
      measurement: `${what}: ${v.click ? 'kind clicked' : 'navigation'} → first rows painted`,
      berth: median(firsts.map((f) => f.ms)),
      baseline: median(cli),
      baselineLabel: v.cliLabel,
      samples: reps,
      note:
        `runs ${firsts.map((f) => f.ms.toFixed(0)).join(' / ')} ms; ${last?.matches ?? 0} rows in the DOM at first paint, ` +
        `${dom.matches} rows and ${dom.nodes} DOM nodes 2 s later; renderer JS heap after GC ${heap.toFixed(1)} MiB`,
    }),
  ];
  await installKeystrokeProbe(page);
  const n = ctx.config.keystrokes;
  await page.getByLabel(v.filterLabel, { exact: true }).click();
  await typeKeystrokes(page, 'app', v.typed, n);
  await page.getByLabel('bench bare input').click();
  await typeKeystrokes(page, 'bare', v.typed, n);
  const app = await readKeystrokes(page, 'app');
  const bare = await readKeystrokes(page, 'bare');
  await page.close();
  out.push(keystrokeRow(SECTION, `${what}: filter keystroke main-thread work, p95`, app, bare));
  return out;
}

/** `keep`: leave the load in place for the churn item that follows (keptLoad). */
export async function measureLoad(ctx: BenchContext, keep = false): Promise<ResultRow[]> {
  const counts = ctx.config.load;
  const kubeWhy = await kubeUnavailable();
  const out: ResultRow[] = [];
  let made = false;
  try {
    ctx.log(
      `load: creating ${counts.containers} containers (${counts.stacks} compose stacks of 2), ` +
        `${counts.images} tags, ${counts.volumes} volumes (label ${LOAD_LABEL})`,
    );
    await cleanLoad(ctx.config.parallel);
    await createLoad(counts, ctx.config.parallel, ctx.log);
    if (!kubeWhy) await createKubeLoad(counts.pods, ctx.log);
    made = true;
    await sleep(3000);
    for (const v of views(counts)) {
      ctx.log(`load: ${v.name}`);
      out.push(
        ...(await measureView(ctx, v).catch((e: unknown) => [
          notMeasured(SECTION, `${v.name}, ${v.count}`, `failed: ${(e as Error).message.split('\n')[0] ?? ''}`),
        ])),
      );
    }
    if (kubeWhy) out.push(notMeasured(SECTION, `Kubernetes Pods, ${counts.pods.toLocaleString('en')} pods`, kubeWhy));
  } finally {
    if (keep && made) {
      Object.assign(keptLoad, { engine: true, kube: !kubeWhy });
      ctx.log('load: kept for the churn item');
    } else {
      const removed = await cleanLoad(ctx.config.parallel);
      ctx.log(`load: removed ${removed.containers} containers, ${removed.tags} tags, ${removed.volumes} volumes`);
      if (!kubeWhy) await cleanKubeLoad();
    }
  }
  return out;
}
