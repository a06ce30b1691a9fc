/**
 * 12. Views, cold: for each view, a fresh bridge (as `npm run web` starts it) and a fresh page; 2 s after
 * the bridge started (about when a user who opened the printed address clicks) the view's sidebar button
 * is clicked, and the time from the click to the frame that paints the view's first real content (rows,
 * stacks, contexts, the checklist) is taken in the page. Beside it, the time of the call behind that content
 * in the same session, from the page's own WebSocket frames (sent → first answer). Each view gets one start
 * with an empty settings folder (Berth's first start on a machine: no program answers remembered yet),
 * noted, then `viewReps` later starts with that folder, whose median is the figure. Also the app's own
 * start: navigation → the Dashboard painted.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { docker } from './cli';
import { startBridge } from './bridge';
import type { BenchContext } from './context';
import { BENCH_LABEL, FIXTURE_BUSYBOX } from './config';
import { notMeasured, row, type ResultRow } from './result';
import { median, sleep } from './stats';

interface ViewSpec {
  view: string;
  /** The sidebar button's name. */
  button: string;
  what: string;
  /** A page expression: the view's first real content is on screen. */
  ready: string;
  /** The call or stream behind it. */
  method: string;
}

const rows = (testId: string) => `document.querySelector('[data-testid="${testId}"] [role="row"][data-key]') !== null`;

const SPECS: ViewSpec[] = [
  {
    view: 'dashboard',
    button: 'Dashboard',
    what: 'engine card',
    ready: `/Docker \\d/.test(document.querySelector('.cards .big')?.textContent ?? '')`,
    method: 'system.engine',
  },
  {
    view: 'containers',
    button: 'Containers',
    what: 'rows',
    ready: rows('containers-table'),
    method: 'containers.watch',
  },
  { view: 'images', button: 'Images', what: 'rows', ready: rows('images-table'), method: 'images.watch' },
  { view: 'volumes', button: 'Volumes', what: 'rows', ready: rows('volumes-table'), method: 'volumes.watch' },
  { view: 'networks', button: 'Networks', what: 'rows', ready: rows('networks-table'), method: 'networks.watch' },
  {
    view: 'compose',
    button: 'Compose',
    what: 'stacks',
    ready:
      `document.querySelector('[data-testid="stacks"]') !== null || ` +
      `(document.querySelector('[data-testid="stacks-empty"]')?.textContent ?? '').startsWith('No compose')`,
    method: 'compose.stacks',
  },
  {
    view: 'compose',
    button: 'Compose',
    what: 'compose CLI named',
    ready: `document.querySelector('[data-testid="compose-tool"], [data-testid="compose-missing"]') !== null`,
    method: 'compose.tool',
  },
  {
    view: 'kubernetes',
    button: 'Kubernetes',
    what: 'contexts',
    ready: `document.querySelector('[data-testid="kube-context"] option[value]:not([value=""])') !== null`,
    method: 'kube.contexts',
  },
  {
    view: 'settings',
    button: 'Settings',
    what: 'environment checklist',
    ready: `document.querySelectorAll('[data-testid="env-checklist"] li[data-testid^="env-"]').length >= 6`,
    method: 'system.environment',
  },
];

interface Call {
  id: number;
  method: string;
  sent: number;
  answered?: number;
}

/** Records every call and subscription the page sends over its WebSocket, and when the first answer came. */
const CALL_PROBE = `(() => {
  const calls = [];
  window.__benchCalls = calls;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!this.__benchHeard) {
      this.__benchHeard = true;
      this.addEventListener('message', (e) => {
        const m = JSON.parse(e.data);
        if (m.type !== 'result' && m.type !== 'event') return;
        const c = calls.find((x) => x.id === m.id && x.answered === undefined);
        if (c) c.answered = performance.now();
      });
    }
    try {
      const m = JSON.parse(data);
      if (m.type === 'call' || m.type === 'subscribe') calls.push({ id: m.id, method: m.method, sent: performance.now() });
    } catch {}
    return send.call(this, data);
  };
})();`;

/** Clicks the sidebar button and resolves with [click time, painted time] (page clock) once `ready` holds. */
async function clickAndWait(page: Page, button: string, ready: string): Promise<[number, number]> {
  return page.evaluate(
    ({ name, test }) =>
      new Promise<[number, number]>((resolve, reject) => {
        const isReady = new Function(`return (${test});`) as () => boolean;
        const target = [...document.querySelectorAll<HTMLButtonElement>('nav.sidebar button')].find((b) =>
          b.textContent?.trim().endsWith(name),
        );
        if (!target) return reject(new Error(`no sidebar button ${name}`));
        let done = false;
        const timer = setTimeout(() => reject(new Error(`${name}: no content after 30 s`)), 30_000);
        const finish = () => {
          if (done || !isReady()) return;
          done = true;
          observer.disconnect();
          requestAnimationFrame(() =>
            setTimeout(() => {
              clearTimeout(timer);
              resolve([t0, performance.now()]);
            }, 0),
          );
        };
        const observer = new MutationObserver(finish);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const t0 = performance.now();
        target.click();
        finish();
      }),
    { name: button, test: ready },
  );
}

async function callTime(page: Page, method: string, after: number): Promise<number | undefined> {
  const calls = await page.evaluate(() => (window as unknown as { __benchCalls: Call[] }).__benchCalls);
  const c = calls.find((x) => x.method === method && x.sent >= after - 1 && x.answered !== undefined);
  return c?.answered !== undefined ? c.answered - c.sent : undefined;
}

interface Sample {
  paint: number;
  call: number | undefined;
}

export async function measureViews(ctx: BenchContext): Promise<ResultRow[]> {
  const section = '13 views';
  const work = mkdtempSync(join(tmpdir(), 'berth-bench-views-'));
  const kubeconfig =
    process.env.BERTH_BENCH_KUBE === '1'
      ? (process.env.BERTH_BENCH_KUBECONFIG ?? '/tmp/berth-kube/kubeconfig')
      : join(work, 'kubeconfig');
  if (process.env.BERTH_BENCH_KUBE !== '1') {
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: bench',
        'clusters: [{name: bench, cluster: {server: "https://127.0.0.1:1"}}]',
        'users: [{name: bench, user: {token: none}}]',
        'contexts: [{name: bench, context: {cluster: bench, user: bench}}]',
      ].join('\n'),
    );
  }
  // Something in every list: a container and a volume of the bench's own.
  const container = `berth-bench-views-${process.pid}`;
  const volume = `berth-bench-views-${process.pid}`;
  await docker('create', '--name', container, '--label', `${BENCH_LABEL}=views`, FIXTURE_BUSYBOX, 'true');
  await docker('volume', 'create', '--label', `${BENCH_LABEL}=views`, volume);

  /** A settings folder of a user past the first run (the checklist would cover the page). */
  let folders = 0;
  const settingsFolder = () => {
    const dir = join(work, `config-${folders++}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ firstRunDone: true }));
    return dir;
  };

  /** One fresh start: the bridge, a page at `start`, then `measure` on it. */
  const fresh = async <T>(
    config: string,
    start: string,
    measure: (page: Page, startedAt: number) => Promise<T>,
  ): Promise<T> => {
    const startedAt = Date.now();
    const bridge = await startBridge({ env: { BERTH_CONFIG_DIR: config, BERTH_KUBECONFIG: kubeconfig } });
    // bypassCSP: the probe builds its readiness test with `new Function`, which the app's CSP forbids.
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    try {
      await page.addInitScript('globalThis.__name = (f) => f;');
      await page.addInitScript(CALL_PROBE);
      await page.goto(`${bridge.url}#/${start}`);
      return await measure(page, startedAt);
    } finally {
      await page.close();
      await bridge.stop();
    }
  };

  const out: ResultRow[] = [];
  try {
    // The app's own start: navigation → the Dashboard's engine card (bundle, socket, engine connection).
    const config = settingsFolder();
    const starts: Array<{ paint: number; loaded: number }> = [];
    for (let i = 0; i < ctx.config.viewReps; i++) {
      starts.push(
        await fresh(config, 'dashboard', async (page) => {
          await page.waitForFunction(
            () => /Docker \d/.test(document.querySelector('.cards .big')?.textContent ?? ''),
            undefined,
            { timeout: 30_000, polling: 'raf' },
          );
          return page.evaluate(() => ({
            paint: performance.now(),
            loaded: performance.getEntriesByType('navigation')[0]?.toJSON().domContentLoadedEventEnd ?? 0,
          }));
        }),
      );
    }
    out.push(
      row({
        section,
        measurement: 'App start: navigation → Dashboard painted (fresh bridge)',
        berth: median(starts.map((s) => s.paint)),
        baseline: null,
        baselineLabel: '',
        samples: starts.length,
        note: `of which loading the page (DOMContentLoaded) ${median(starts.map((s) => s.loaded)).toFixed(0)} ms`,
      }),
    );

    for (const spec of SPECS) {
      const config = settingsFolder();
      const runs: Sample[] = [];
      for (let i = 0; i <= ctx.config.viewReps; i++) {
        runs.push(
          await fresh(config, spec.view === 'dashboard' ? 'networks' : 'dashboard', async (page, startedAt) => {
            await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
            await sleep(Math.max(0, startedAt + 2000 - Date.now()));
            const [clicked, painted] = await clickAndWait(page, spec.button, spec.ready);
            return { paint: painted - clicked, call: await callTime(page, spec.method, clicked) };
          }),
        );
      }
      const [first, ...later] = runs;
      out.push(viewRow(section, spec, later, first));
      ctx.log(
        `views: ${spec.button} ${spec.what}: ${runs.map((s) => s.paint.toFixed(0)).join(', ')} ms (first start first)`,
      );
    }
  } catch (e) {
    out.push(notMeasured(section, 'views', (e as Error).message));
  } finally {
    await docker('rm', '-f', container).catch(() => '');
    await docker('volume', 'rm', '-f', volume).catch(() => '');
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

function viewRow(section: string, spec: ViewSpec, samples: Sample[], first: Sample | undefined): ResultRow {
  const calls = samples.map((s) => s.call).filter((c): c is number => c !== undefined);
  const notes = [
    first ? `first start on a machine (nothing remembered yet): ${first.paint.toFixed(0)} ms` : '',
    calls.length < samples.length ? `${spec.method} was answered before the click in some runs` : '',
  ];
  return row({
    section,
    measurement: `${spec.button}: open → ${spec.what} painted (cold, 2 s after start)`,
    berth: median(samples.map((s) => s.paint)),
    baseline: calls.length ? median(calls) : null,
    baselineLabel: `${spec.method}, same session`,
    goal: '< 300 ms',
    check: (b) => b < 300,
    samples: samples.length,
    note: notes.filter(Boolean).join('; ') || undefined,
  });
}
