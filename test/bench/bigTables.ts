/**
 * 3. Big tables: the Containers view with N containers and the Images view with N image tags. Time to
 * first render (a new page's navigation to all rows painted) vs the CLI listing the same, beside React alone
 * and a bare page; the sidebar's click from another view to all rows painted vs the CLI; and the p95 of a
 * filter keystroke to its repaint vs the same keystrokes in a bare input on the same page and in a box with
 * no handler in the app's header.
 */
import type { Page } from 'playwright-core';
import { openView } from './browser';
import { docker } from './cli';
import type { BenchContext } from './context';
import { engine } from './engine';
import { BENCH_PREFIX } from './config';
import { createContainers, removeContainers, removeTags, tagImages } from './load';
import { notMeasured, row, type ResultRow } from './result';
import { untilQuiet } from './procStat';
import { median, now, p95, sleep } from './stats';
import {
  firstRenderReport,
  installFirstRenderProbe,
  clickToRowsReport,
  installClickProbe,
  installInPlaceInput,
  installKeystrokeProbe,
  readKeystrokes,
  typeKeystrokes,
  type FirstRender,
  type Keystroke,
} from './tableProbe';

interface TableSpec {
  view: 'containers' | 'images';
  testId: string;
  filterLabel: string;
  typed: string;
  cli: string[];
  raw: string;
  expectedRows(): Promise<number>;
}

const countRows = async (path: string, perItem: (item: { RepoTags?: string[] | null }) => number) =>
  (JSON.parse((await engine('GET', path)).body) as Array<{ RepoTags?: string[] | null }>).reduce(
    (n, i) => n + perItem(i),
    0,
  );

const SPECS: TableSpec[] = [
  {
    view: 'containers',
    testId: 'containers-table',
    filterLabel: 'Filter containers',
    typed: `${BENCH_PREFIX.replace(/^berth-/, '')}-big-01`,
    cli: ['ps', '-a'],
    raw: '/containers/json?all=1',
    expectedRows: () => countRows('/containers/json?all=1', () => 1),
  },
  {
    view: 'images',
    testId: 'images-table',
    filterLabel: 'Filter images',
    typed: 'tag:t01',
    cli: ['images'],
    raw: '/images/json',
    expectedRows: () =>
      countRows('/images/json', (i) => Math.max(1, (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').length)),
  },
];

/** The page timed: the app, React alone (test/bench/reactFloor) or the bare page (test/bench/bare). */
type FirstPage = 'app' | 'react' | 'bare';

async function firstRender(
  ctx: BenchContext,
  spec: TableSpec,
  rows: number,
  kind: FirstPage = 'app',
): Promise<{ page: Page; f: FirstRender }> {
  const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.addInitScript('globalThis.__name = (f) => f;');
  const reported = firstRenderReport(page);
  await installFirstRenderProbe(page, spec.testId, rows);
  // The navigation is timed on a quiet machine: not beside the renderer process a new page keeps starting for
  // about half a second (on two cores, that cost the app's page 100 ms at 10,000 containers; procStat.ts).
  await quietThenTime(ctx, spec.view);
  const { port, token } = ctx.bridge;
  // The floors are served by the same bridge: the same socket, the same list, no app (bridge.ts).
  const floor = `http://127.0.0.1:${port}/${kind === 'bare' ? 'bare.html' : 'react-floor/'}?token=${encodeURIComponent(token)}`;
  const url = kind === 'app' ? ctx.bridge.url : floor;
  await page.goto(`${url}#/${spec.view}`);
  return { page, f: await reported };
}

/** Waits for a quiet machine before a timed step (procStat.untilQuiet), and logs when it never came. */
async function quietThenTime(ctx: BenchContext, what: string): Promise<void> {
  const settled = await untilQuiet();
  if (!settled.quiet) ctx.log(`${what}: the machine was still busy after ${settled.ms} ms; timed anyway`);
}

/** Resolves once the page has fetched no file for `quietMs` (at most `maxMs`): its idle preloading is done. */
async function untilFilesSettle(page: Page, quietMs = 1000, maxMs = 15_000): Promise<void> {
  await page.evaluate(
    ({ quiet, max }) =>
      new Promise<void>((resolve) => {
        const t0 = performance.now();
        let count = -1;
        let since = t0;
        const check = () => {
          const n = performance.getEntriesByType('resource').length;
          const t = performance.now();
          if (n !== count) {
            count = n;
            since = t;
          }
          if (t - since >= quiet || t - t0 >= max) resolve();
          else setTimeout(check, 100);
        };
        check();
      }),
    { quiet: quietMs, max: maxMs },
  );
}

/** The sidebar's name of each view timed. */
const SIDEBAR: Record<TableSpec['view'], string> = { containers: 'Containers', images: 'Images' };

/**
 * Navigation inside the app, as a user moves between views: a page open on Settings (which holds neither
 * list), left idle until its other views' code is in, then the sidebar's button for the view clicked → the
 * frame with all rows painted. The list is asked for at the click, as on any first visit to the view.
 */
async function clickToRows(ctx: BenchContext, spec: TableSpec, rows: number, reps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const page = await openView(ctx.browser, ctx.bridge, 'settings');
    try {
      // The views' code is fetched one view after another once the first view is painted, while the page is
      // idle (viewLoaders.ts): the click waits until no file has come for a second.
      await untilFilesSettle(page);
      await quietThenTime(ctx, `${spec.view} click`);
      const reported = clickToRowsReport(page);
      await installClickProbe(page, spec.testId, rows);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: SIDEBAR[spec.view] }).click();
      out.push((await reported).ms);
    } finally {
      await page.close();
    }
    await sleep(500);
  }
  return out;
}

async function timeCli(spec: TableSpec, reps: number): Promise<{ cli: number; raw: number }> {
  const cli: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t0 = now();
    await docker(...spec.cli);
    cli.push(now() - t0);
    t0 = now();
    JSON.parse((await engine('GET', spec.raw)).body);
    raw.push(now() - t0);
  }
  return { cli: median(cli), raw: median(raw) };
}

async function measureTable(ctx: BenchContext, spec: TableSpec): Promise<ResultRow[]> {
  const rows = await spec.expectedRows();
  const renders: FirstRender[] = [];
  const reactRenders: FirstRender[] = [];
  const bareRenders: FirstRender[] = [];
  // Seven of each: a first paint varies by 40–90 ms from one navigation to the next on this machine.
  const reps = 7;
  let page: Page | undefined;
  // In turns, so that a busier moment weighs on all three alike; the app's last page stays for the keystrokes.
  // Each page is closed 500 ms before the next one loads, so that no page's teardown (its renderer process, its
  // socket's subscriptions in the bridge) overlaps a load timed.
  for (let i = 0; i < reps; i++) {
    if (page) {
      await page.close();
      await sleep(500);
    }
    for (const [kind, into] of [
      ['react', reactRenders],
      ['bare', bareRenders],
    ] as const) {
      const r = await firstRender(ctx, spec, rows, kind);
      into.push(r.f);
      await r.page.close();
      await sleep(500);
    }
    const r = await firstRender(ctx, spec, rows);
    page = r.page;
    renders.push(r.f);
    await sleep(500);
  }
  if (!page) throw new Error('no page');
  const base = await timeCli(spec, 5);
  await installKeystrokeProbe(page);
  const n = ctx.config.keystrokes;
  await page.getByLabel(spec.filterLabel).click();
  await typeKeystrokes(page, 'app', spec.typed, n);
  await page.getByLabel('bench bare input').click();
  await typeKeystrokes(page, 'bare', spec.typed, n);
  await installInPlaceInput(page, spec.filterLabel);
  await page.getByLabel('bench in-place input').click();
  await typeKeystrokes(page, 'inPlace', spec.typed, n);
  const app = await readKeystrokes(page, 'app');
  const bare = await readKeystrokes(page, 'bare');
  const inPlace = await readKeystrokes(page, 'inPlace');
  await page.close();
  const clicks = await clickToRows(ctx, spec, rows, 5);
  const pick = (k: keyof FirstRender) => median(renders.map((r) => r[k]));
  /** Each navigation's first rows painted, in the order they ran: how far one load is from the next. */
  const each = (rs: FirstRender[]) => rs.map((r) => r.allRowsFrame.toFixed(0)).join(' ');
  const section = '3 tables';
  return [
    row({
      section,
      measurement: `${spec.view} view, ${rows} rows: navigation → all rows painted`,
      berth: pick('allRowsFrame'),
      baseline: base.cli,
      baselineLabel: `docker ${spec.cli.join(' ')}`,
      goal: '≤ 1.2× CLI',
      check: (_b, _base, ratio) => ratio !== null && ratio <= 1.2,
      samples: reps,
      note:
        `median ms since navigation: bundle ran (DOMContentLoaded) ${pick('domContentLoaded').toFixed(0)}, ` +
        `first rows ${pick('firstRows').toFixed(0)}, all rows ${pick('allRows').toFixed(0)}; ` +
        `raw GET ${spec.raw} ${base.raw.toFixed(0)} ms; each navigation: ${each(renders)}`,
    }),
    row({
      section,
      measurement: `${spec.view} view, ${rows} rows: navigation → first rows painted, vs a bare page`,
      berth: pick('allRowsFrame'),
      baseline: median(bareRenders.map((r) => r.allRowsFrame)),
      baselineLabel: 'bare page, same bridge and list',
      goal: '< 300 ms',
      check: (b) => b < 300,
      samples: reps,
      note:
        `the bare page (test/bench/bare) subscribes ${spec.view}.watch over the same socket and paints 30 rows, ` +
        `no framework: page loaded ${median(bareRenders.map((r) => r.domContentLoaded)).toFixed(0)} ms; ` +
        `raw GET ${spec.raw} ${base.raw.toFixed(0)} ms; each bare navigation: ${each(bareRenders)}`,
    }),
    row({
      section,
      measurement: `${spec.view} view, ${rows} rows: navigation → first rows painted, vs React alone`,
      berth: pick('allRowsFrame'),
      baseline: median(reactRenders.map((r) => r.allRowsFrame)),
      baselineLabel: 'React alone, same bridge and list',
      samples: reps,
      note:
        `the React floor (test/bench/reactFloor) is the bare page with React rendering its 30 rows, built by ` +
        `Vite like the app, with no shell, store, router or virtualizer: page loaded ` +
        `${median(reactRenders.map((r) => r.domContentLoaded)).toFixed(0)} ms, first rows ` +
        `${median(reactRenders.map((r) => r.firstRows)).toFixed(0)} ms; each: ${each(reactRenders)}`,
    }),
    row({
      section,
      measurement: `${spec.view} view, ${rows} rows: sidebar click from another view → all rows painted`,
      berth: median(clicks),
      baseline: base.cli,
      baselineLabel: `docker ${spec.cli.join(' ')}`,
      goal: '≤ 1.2× CLI',
      check: (_b, _base, ratio) => ratio !== null && ratio <= 1.2,
      samples: clicks.length,
      note:
        'a page open on Settings, idle, then the sidebar button clicked: the list is asked for at the click; ' +
        `each: ${clicks.map((ms) => ms.toFixed(0)).join(' ')}`,
    }),
    row({
      section,
      measurement: `${spec.view} view, ${rows} rows: filter keystroke main-thread work, p95`,
      berth: p95(app.map((k) => k.work)),
      baseline: p95(bare.map((k) => k.work)),
      baselineLabel: 'bare <input> same page',
      goal: '≤ 1.5× bare input',
      check: (_b, _base, ratio) => ratio !== null && ratio <= 1.5,
      samples: app.length,
      note:
        `work p50 ${median(app.map((k) => k.work)).toFixed(1)} ms (bare ${median(bare.map((k) => k.work)).toFixed(1)}); ` +
        'work = event → handlers + React commit done, plus the next frame from rAF to after paint (no vsync wait)',
    }),
    ...splitKeystrokes(section, `${spec.view} view, ${rows} rows`, app, bare, inPlace),
    row({
      section,
      measurement: `${spec.view} view, ${rows} rows: filter keystroke → next frame, p95`,
      berth: p95(app.map((k) => k.toFrame)),
      baseline: p95(bare.map((k) => k.toFrame)),
      baselineLabel: 'bare <input> same page',
      samples: app.length,
      note:
        `p50 ${median(app.map((k) => k.toFrame)).toFixed(1)} ms (bare ${median(bare.map((k) => k.toFrame)).toFixed(1)}); ` +
        'includes waiting for the next vsync (up to 16.7 ms), so even a bare input is near 16 ms at p95',
    }),
    row({
      section,
      measurement: `${spec.view} view, ${rows} rows: filter keystroke → rows updated and painted, p95`,
      berth: p95(app.map((k) => k.settled)),
      baseline: p95(bare.map((k) => k.toFrame)),
      baselineLabel: 'bare <input> → next frame',
      samples: app.length,
      note:
        `p50 ${median(app.map((k) => k.settled)).toFixed(1)} ms (bare ${median(bare.map((k) => k.toFrame)).toFixed(1)}); ` +
        'the frame after the last DOM change the keystroke caused, once the main thread went idle: the rows ' +
        "re-rendered after the input's own repaint (deferred) are in it",
    }),
  ];
}

/**
 * The keystrokes split by what they did: those that left the rows on screen as they were (the input's own
 * repaint, plus the search), beside the bare input and beside a box with no handler in the app's header,
 * and those that redrew them. The second kind's work is mostly the rows on screen.
 */
function splitKeystrokes(
  section: string,
  table: string,
  app: Keystroke[],
  bare: Keystroke[],
  inPlace: Keystroke[],
): ResultRow[] {
  const kept = app.filter((k) => !k.changed).map((k) => k.work);
  const redrawn = app.filter((k) => k.changed).map((k) => k.work);
  const bareWork = bare.map((k) => k.work);
  const inPlaceWork = inPlace.map((k) => k.work);
  const parts = (ks: Keystroke[]) =>
    `event ${median(ks.map((k) => k.event)).toFixed(1)} + frame ${median(ks.map((k) => k.frame)).toFixed(1)} ms`;
  const figures = (xs: number[]) => `p50 ${median(xs).toFixed(1)} ms`;
  const keptRow = `${table}: filter keystroke that leaves the rows on screen as they are, work p95`;
  const redrawnRow = `${table}: filter keystroke that redraws the rows on screen, work p95`;
  return [
    !kept.length
      ? notMeasured(section, keptRow, 'no keystroke left the rows as they were')
      : row({
          section,
          measurement: keptRow,
          berth: p95(kept),
          baseline: p95(bareWork),
          baselineLabel: 'bare <input> same page',
          goal: '≤ 1.5× bare input',
          check: (_b, _base, ratio) => ratio !== null && ratio <= 1.5,
          samples: kept.length,
          note: `${figures(kept)} (bare ${figures(bareWork)}); the input's repaint and the search, no render`,
        }),
    !kept.length
      ? notMeasured(section, `${keptRow}, vs the same box in its place`, 'no keystroke left the rows as they were')
      : row({
          section,
          measurement: `${keptRow}, vs the same box in its place`,
          berth: p95(kept),
          baseline: p95(inPlaceWork),
          baselineLabel: 'a search box with no handler, in the header',
          samples: kept.length,
          note:
            `${figures(kept)}: ${parts(app.filter((k) => !k.changed))}; the box with no handler ` +
            `${figures(inPlaceWork)}: ${parts(inPlace)}; the bare input ${figures(bareWork)}: ${parts(bare)}`,
        }),
    !redrawn.length
      ? notMeasured(section, redrawnRow, 'no keystroke redrew the rows')
      : row({
          section,
          measurement: redrawnRow,
          berth: p95(redrawn),
          baseline: p95(bareWork),
          baselineLabel: 'bare <input> same page',
          samples: redrawn.length,
          note: `${figures(redrawn)}; the table's render and the style, layout and paint of the rows on screen`,
        }),
  ];
}

/** One table; its failure (others changing the engine's lists meanwhile) leaves the other table's rows. */
async function measureOrNote(ctx: BenchContext, spec: TableSpec): Promise<ResultRow[]> {
  try {
    return await measureTable(ctx, spec);
  } catch (e) {
    ctx.log(`${spec.view} table failed: ${(e as Error).message.split('\n')[0] ?? ''}`);
    return [notMeasured('3 tables', `${spec.view} view`, `failed: ${(e as Error).message.split('\n')[0] ?? ''}`)];
  }
}

export async function measureBigTables(ctx: BenchContext): Promise<ResultRow[]> {
  const counts = [...ctx.config.bigRows].sort((a, b) => a - b);
  const out: ResultRow[] = [];
  try {
    let have = 0;
    for (const n of ctx.config.bigViews.has('containers') ? counts : []) {
      ctx.log(`big tables: ${n - have} more containers (${n})`);
      const t0 = now();
      await createContainers('big', n - have, ctx.config.parallel, { from: have });
      have = n;
      ctx.log(`created them in ${((now() - t0) / 1000).toFixed(1)} s`);
      await sleep(2000);
      out.push(...(await measureOrNote(ctx, SPECS[0] as TableSpec)));
    }
    let t0 = now();
    await removeContainers(ctx.config.parallel, 'big');
    ctx.log(`removed them in ${((now() - t0) / 1000).toFixed(1)} s`);
    have = 0;
    for (const n of ctx.config.bigViews.has('images') ? counts : []) {
      t0 = now();
      await tagImages(n - have, ctx.config.parallel, have);
      have = n;
      ctx.log(`tagged ${n} images in ${((now() - t0) / 1000).toFixed(1)} s`);
      await sleep(2000);
      out.push(...(await measureOrNote(ctx, SPECS[1] as TableSpec)));
    }
  } finally {
    await removeContainers(ctx.config.parallel, 'big');
    await removeTags(ctx.config.parallel);
  }
  return out;
}
