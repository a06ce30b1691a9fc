/**
 * In-page instrumentation for a big table: when the table first shows all its rows (installed before the
 * page loads), how long a click (the sidebar's) takes to a table with all its rows painted, and how long
 * each filter keystroke takes to reach the next frame — in the app's box, in a bare input, and in a box with
 * no handler put in the app's header (installInPlaceInput).
 */
import type { Page } from 'playwright-core';
import { pageReport, REPORT_PREFIX } from './pageReport';
import { row, type ResultRow } from './result';
import { median, p95 } from './stats';

export interface FirstRender {
  /** ms since navigation start: the bundle ran (DOMContentLoaded), the table had rows, it had all of them. */
  domContentLoaded: number;
  firstRows: number;
  allRows: number;
  /** The frame that painted all rows. */
  allRowsFrame: number;
}

interface ProbeWindow {
  __benchKeys?: Record<string, Keystroke[]>;
}

/** The first render's figures, once the probe reports them: call before page.goto, await after. */
export const firstRenderReport = (page: Page): Promise<FirstRender> => pageReport<FirstRender>(page, 'first-render');

/**
 * Call before page.goto: stamps when `[data-testid=testId]` first reports at least `rows` rows, and reports
 * the stamps once the frame that painted them has run (firstRenderReport).
 */
export async function installFirstRenderProbe(page: Page, testId: string, rows: number): Promise<void> {
  await page.addInitScript(
    ({ testId: id, rows: want, prefix }) => {
      const first: Partial<FirstRender> = {};
      const check = () => {
        const table = document.querySelector(`[data-testid="${id}"]`);
        const n = Number(table?.getAttribute('data-rows') ?? 0);
        const inDom = table?.querySelector('[role="row"][data-key]') !== null && table !== null;
        if (n > 0 && inDom && first.firstRows === undefined) first.firstRows = performance.now();
        if (n >= want && inDom && first.allRows === undefined) {
          first.allRows = performance.now();
          requestAnimationFrame(() =>
            setTimeout(() => {
              first.allRowsFrame = performance.now();
              console.debug(`${prefix} first-render ${JSON.stringify(first)}`);
            }, 0),
          );
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(check);
      document.addEventListener('DOMContentLoaded', () => {
        first.domContentLoaded = performance.now();
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
      });
    },
    { testId, rows, prefix: REPORT_PREFIX },
  );
}

/** ms from a click on the page to the frame that painted the table with all its rows: clickToRowsReport. */
export const clickToRowsReport = (page: Page): Promise<{ ms: number }> => pageReport(page, 'click-rows');

/**
 * Call on a page already open, before the click: times the next click (its event's time stamp) to the frame
 * that painted `[data-testid=testId]` with at least `rows` rows, and reports it (clickToRowsReport).
 */
export async function installClickProbe(page: Page, testId: string, rows: number): Promise<void> {
  await page.evaluate(
    ({ testId: id, rows: want, prefix }) => {
      let clicked: number | undefined;
      document.addEventListener('click', (e) => (clicked = e.timeStamp), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const table = document.querySelector(`[data-testid="${id}"]`);
        const n = Number(table?.getAttribute('data-rows') ?? 0);
        if (clicked === undefined || n < want || !table?.querySelector('[role="row"][data-key]')) return;
        observer.disconnect();
        const from = clicked;
        requestAnimationFrame(() =>
          setTimeout(
            () => console.debug(`${prefix} click-rows ${JSON.stringify({ ms: performance.now() - from })}`),
            0,
          ),
        );
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    },
    { testId, rows, prefix: REPORT_PREFIX },
  );
}

/**
 * One keystroke: ms to the task after the next frame, the main-thread work in it (no vsync wait), and ms
 * until the page settled: the frame after its last DOM change (a deferred re-render of the rows included),
 * once the main thread went idle.
 */
export interface Keystroke {
  toFrame: number;
  work: number;
  settled: number;
  /** The two parts of `work`: the input event to React's commit done, and the next frame's rAF to after paint. */
  event: number;
  frame: number;
  /** Whether the page changed anything but an input by the end of that frame: rows were repainted. */
  changed: boolean;
}

/**
 * Records, per input ("bare" for the probe's own input, "inPlace" for installInPlaceInput's, else "app"),
 * each keystroke's time from the input event to the task after the next animation frame (the repaint, vsync
 * wait included), when the page settled (below), and its main-thread work: event → handlers and React's
 * commit done, plus the frame's rAF → style/layout/paint done. Also adds a bare input outside React as the
 * floor.
 */
export async function installKeystrokeProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    const keys: Record<string, Keystroke[]> = { app: [], bare: [], inPlace: [] };
    w.__benchKeys = keys;
    const bare = document.createElement('input');
    bare.dataset.bench = 'bare';
    bare.setAttribute('aria-label', 'bench bare input');
    bare.style.cssText = 'position:fixed;left:0;bottom:0;width:200px;z-index:99999';
    document.body.appendChild(bare);
    let lastMutation = 0;
    /** The last change to anything but an input (whose value attribute follows what is typed). */
    let lastRowMutation = 0;
    new MutationObserver((records) => {
      lastMutation = performance.now();
      if (records.some((r) => !(r.target instanceof HTMLInputElement))) lastRowMutation = lastMutation;
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    const channel = new MessageChannel();
    let after: Array<() => void> = [];
    channel.port1.onmessage = () => {
      const run = after;
      after = [];
      for (const f of run) f();
    };
    // Bubble phase on window: after React's root listener; the microtask runs after React's sync flush.
    window.addEventListener('input', (e) => {
      const target = e.target as HTMLElement;
      const list = keys[target.dataset.bench ?? 'app'];
      const t = e.timeStamp;
      queueMicrotask(() => {
        const handled = performance.now();
        requestAnimationFrame(() => {
          const raf = performance.now();
          after.push(() => {
            const done = performance.now();
            const changed = lastRowMutation > t;
            const record = (settled: number) =>
              list?.push({
                toFrame: done - t,
                work: handled - t + (done - raf),
                settled: settled - t,
                event: handled - t,
                frame: done - raf,
                changed,
              });
            // Idle means React's deferred render (if any) is done; time the frame that painted its changes.
            requestIdleCallback(
              () => {
                if (lastMutation <= done) return record(done);
                requestAnimationFrame(() => setTimeout(() => record(performance.now()), 0));
              },
              { timeout: 3000 },
            );
          });
          channel.port2.postMessage(null);
        });
      });
    });
  });
}

/**
 * The second floor: a search box with no handler at all, put in the view's header just before the app's
 * (labelled "bench in-place input", the app's type, placeholder and class), so it is laid out, painted and
 * layerized in the same flow as the app's box (which it pushes aside: install it after the app's keystrokes),
 * and its events pass React's root listener as the app's do. The bare input above sits on a layer of its own at
 * the page's bottom, which Chromium updates more cheaply than a box in the page's flow.
 */
export async function installInPlaceInput(page: Page, filterLabel: string): Promise<void> {
  await page.evaluate((label) => {
    const app = document.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`);
    if (!app?.parentElement) throw new Error(`no input labelled ${label}`);
    const box = document.createElement('input');
    box.type = app.type;
    box.placeholder = app.placeholder;
    box.className = app.className;
    box.dataset.bench = 'inPlace';
    box.setAttribute('aria-label', 'bench in-place input');
    app.parentElement.insertBefore(box, app);
  }, filterLabel);
}

export type KeystrokeInput = 'app' | 'bare' | 'inPlace';

export async function readKeystrokes(page: Page, which: KeystrokeInput): Promise<Keystroke[]> {
  return page.evaluate((k) => (window as unknown as ProbeWindow).__benchKeys?.[k] ?? [], which);
}

/** Types `count` keystrokes into the focused input: characters of `text`, then backspaces, and again. */
export async function typeKeystrokes(page: Page, which: KeystrokeInput, text: string, count: number): Promise<void> {
  const sequence: string[] = [];
  while (sequence.length < count) {
    for (const ch of text) sequence.push(ch);
    for (let i = 0; i < text.length; i++) sequence.push('Backspace');
  }
  for (const key of sequence.slice(0, count)) {
    const before = (await readKeystrokes(page, which)).length;
    await page.keyboard.press(key);
    await page.waitForFunction(
      ({ k, n }) => ((window as unknown as ProbeWindow).__benchKeys?.[k]?.length ?? 0) > n,
      { k: which, n: before },
      { polling: 'raf', timeout: 5000 },
    );
  }
}

/** The row of a keystroke series: main-thread work p95 beside the bare input's, against the 16 ms goal. */
export function keystrokeRow(
  section: string,
  measurement: string,
  app: Keystroke[],
  bare: Keystroke[],
  note = '',
): ResultRow {
  return row({
    section,
    measurement,
    berth: p95(app.map((k) => k.work)),
    baseline: p95(bare.map((k) => k.work)),
    baselineLabel: 'bare <input> same page',
    goal: 'p95 < 16 ms',
    check: (b) => b < 16,
    samples: app.length,
    note:
      `work p50 ${median(app.map((k) => k.work)).toFixed(1)} ms (bare ${median(bare.map((k) => k.work)).toFixed(1)}); ` +
      `→ next frame p95 ${p95(app.map((k) => k.toFrame)).toFixed(1)} ms (bare ${p95(bare.map((k) => k.toFrame)).toFixed(1)})${note}`,
  });
}
