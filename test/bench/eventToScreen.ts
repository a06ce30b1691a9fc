/**
 * 2. Event to screen: from `docker run -d` (create + start through the Engine API, then through the CLI)
 * to the row in Chromium's DOM, vs what a 1-second poller would show (simulated per sample: time until
 * the engine has the container + uniform(0, 1000) ms + one measured Berth list call).
 */
import type { Page } from 'playwright-core';
import { docker } from './cli';
import { BENCH_LABEL, BENCH_PREFIX, FIXTURE_BUSYBOX } from './config';
import type { BenchClient } from './clients';
import type { BenchContext } from './context';
import { epochNow, openView } from './browser';
import { engineJson } from './engine';
import { containerSpec } from './load';
import { installRowProbe, waitForRow, watchRow } from './pageProbe';
import { watchRawEvents, type RawEventLog } from './rawEvents';
import { row, type ResultRow } from './result';
import { median, now, p95, sleep } from './stats';

export interface EventSample {
  /** ms from the request to: the engine reporting it, Berth's socket pushing it, the DOM row, its frame. */
  created: number;
  /** ms from the engine's start event (as this process received it) to "Up" painted. */
  upAfterStartEvent: number;
  started: number;
  engineEvent: number;
  wsEvent: number;
  visible: number;
  visibleFrame: number;
  running: number;
  runningFrame: number;
  /** The same "visible" by Date.now() on both sides. */
  visibleDate: number;
  pollVisible: number;
  /** A poller's delay after the engine already runs it: uniform(0, 1000) + one list call. */
  pollRunning: number;
}

type Starter = (name: string) => Promise<{ created: number; started: number }>;

const viaApi: Starter = async (name) => {
  const t0 = epochNow();
  const { Id } = await engineJson<{ Id: string }>('POST', `/containers/create?name=${name}`, containerSpec('event'));
  const created = epochNow() - t0;
  await engineJson('POST', `/containers/${Id}/start`);
  return { created, started: epochNow() - t0 };
};

const viaCli: Starter = async (name) => {
  const t0 = epochNow();
  await docker('run', '-d', '--name', name, '--label', `${BENCH_LABEL}=event`, FIXTURE_BUSYBOX, 'sleep', '3600');
  const started = epochNow() - t0;
  return { created: started, started };
};

/** Receipt times of the first container upsert on Berth's WebSocket, keyed by container name. */
export function watchWs(client: BenchClient): { at(name: string): number | undefined; close(): void } {
  const seen = new Map<string, number>();
  const sub = client.api.containers.watch.subscribe(undefined, {
    onEvent: (e) => {
      if (e.type !== 'upsert') return;
      const t = epochNow();
      for (const c of e.items) if (!seen.has(c.name)) seen.set(c.name, t);
    },
  });
  return { at: (n) => seen.get(n), close: () => sub.unsubscribe() };
}

async function pollListSamples(ctx: BenchContext, n = 10): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = now();
    await ctx.ws.api.containers.list({ all: true });
    out.push(now() - t0);
  }
  return out;
}

async function runSeries(
  ctx: BenchContext,
  page: Page,
  raw: RawEventLog,
  start: Starter,
  tag: string,
  count: number,
  listMs: number[],
): Promise<EventSample[]> {
  const ws = watchWs(ctx.ws);
  const out: EventSample[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const name = `${BENCH_PREFIX}-ev-${tag}-${String(i).padStart(4, '0')}`;
      await watchRow(page, name);
      const t0 = epochNow();
      const d0 = Date.now();
      const { created, started } = await start(name);
      const s = await waitForRow(page, name);
      const poll = () => (listMs[Math.floor(Math.random() * listMs.length)] ?? 0) + Math.random() * 1000;
      out.push({
        created,
        started,
        engineEvent: (raw.at(name, 'create') ?? Number.NaN) - t0,
        wsEvent: (ws.at(name) ?? Number.NaN) - t0,
        visible: s.visible - t0,
        visibleFrame: s.visibleFrame - t0,
        running: (s.running ?? Number.NaN) - t0,
        runningFrame: (s.runningFrame ?? Number.NaN) - t0,
        visibleDate: s.visibleDate - d0,
        upAfterStartEvent: (s.runningFrame ?? Number.NaN) - (raw.at(name, 'start') ?? Number.NaN),
        pollVisible: created + poll(),
        pollRunning: poll(),
      });
      await sleep(50 + Math.random() * 100);
    }
  } finally {
    ws.close();
  }
  return out;
}

function rowsFor(label: string, samples: EventSample[]): ResultRow[] {
  const pick = (k: keyof EventSample) => samples.map((s) => s[k]).filter((v) => Number.isFinite(v));
  const layers =
    `median ms from the request: create returned ${median(pick('created')).toFixed(1)}, ` +
    `engine event ${median(pick('engineEvent')).toFixed(1)}, Berth socket upsert ${median(pick('wsEvent')).toFixed(1)}, ` +
    `DOM row ${median(pick('visible')).toFixed(1)}, its frame ${median(pick('visibleFrame')).toFixed(1)}; ` +
    `start returned ${median(pick('started')).toFixed(1)}, "Up" in DOM ${median(pick('running')).toFixed(1)}, ` +
    `painted ${median(pick('runningFrame')).toFixed(1)}; Date.now() cross-check of DOM row ${median(pick('visibleDate')).toFixed(0)}`;
  const common = { section: '2 event', baselineLabel: '1 s poll (simulated)', samples: samples.length };
  const goal = { goal: 'p95 < 150 ms', check: (b: number) => b < 150 };
  return [
    row({
      ...common,
      measurement: `${label} → row in DOM, p50`,
      berth: median(pick('visible')),
      baseline: median(pick('pollVisible')),
      note: layers,
    }),
    row({
      ...common,
      ...goal,
      measurement: `${label} → row in DOM, p95`,
      berth: p95(pick('visible')),
      baseline: p95(pick('pollVisible')),
    }),
    row({
      ...common,
      measurement: `${label}: engine start event → "Up" painted, p50`,
      berth: median(pick('upAfterStartEvent')),
      baseline: median(pick('pollRunning')),
    }),
    row({
      ...common,
      ...goal,
      measurement: `${label}: engine start event → "Up" painted, p95`,
      berth: p95(pick('upAfterStartEvent')),
      baseline: p95(pick('pollRunning')),
    }),
  ];
}

export async function measureEventToScreen(ctx: BenchContext): Promise<{ rows: ResultRow[]; page: Page }> {
  const page = await openView(ctx.browser, ctx.bridge, 'containers');
  await installRowProbe(page);
  const raw = await watchRawEvents();
  const rows: ResultRow[] = [];
  try {
    const listMs = await pollListSamples(ctx);
    ctx.log(`event to screen: ${ctx.config.eventStarts} starts via the Engine API`);
    const api = await runSeries(ctx, page, raw, viaApi, 'api', ctx.config.eventStarts, listMs);
    rows.push(...rowsFor('docker run (Engine API)', api));
    ctx.shared.set(
      'event.api',
      api.map((s) => s.visible),
    );
    if (ctx.config.eventCliStarts > 0) {
      ctx.log(`event to screen: ${ctx.config.eventCliStarts} starts via the docker CLI`);
      const cli = await runSeries(ctx, page, raw, viaCli, 'cli', ctx.config.eventCliStarts, listMs);
      rows.push(...rowsFor('docker run (CLI)', cli));
    }
  } finally {
    raw.close();
  }
  return { rows, page };
}
