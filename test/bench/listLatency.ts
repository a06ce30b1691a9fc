/**
 * 1. List latency: containers and images listed through Berth's API (over the bridge's WebSocket and
 * over the router in-process) vs the raw Engine API call vs the docker CLI, at several container counts.
 */
import { docker } from './cli';
import type { BenchContext } from './context';
import { engine } from './engine';
import { benchContainers, createContainers, removeContainers } from './load';
import { row, type ResultRow } from './result';
import { median, now } from './stats';

type Method = { name: string; fn: () => Promise<unknown> };

async function rawList(path: string): Promise<unknown> {
  const res = await engine('GET', path);
  return JSON.parse(res.body);
}

/** Runs every method once per round, in a rotating order, and keeps each method's samples. */
async function interleaved(methods: Method[], reps: number, warmup = 2): Promise<Map<string, number[]>> {
  const samples = new Map(methods.map((m) => [m.name, [] as number[]]));
  for (let round = 0; round < warmup + reps; round++) {
    for (let k = 0; k < methods.length; k++) {
      const m = methods[(round + k) % methods.length] as Method;
      const t0 = now();
      await m.fn();
      const ms = now() - t0;
      if (round >= warmup) samples.get(m.name)?.push(ms);
    }
  }
  return samples;
}

/** Brings the bench's list group to `count` containers; returns the engine's total. */
async function ensureCount(ctx: BenchContext, count: number): Promise<number> {
  const have = (await benchContainers('list')).length;
  if (have < count) await createContainers('list', count - have, ctx.config.parallel, { from: have });
  if (have > count) await removeContainers(ctx.config.parallel, 'list');
  if (have > count && count > 0) await createContainers('list', count, ctx.config.parallel);
  const all = JSON.parse((await engine('GET', '/containers/json?all=1')).body) as unknown[];
  return all.length;
}

export async function measureListLatency(ctx: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  const { ws, router } = ctx;
  for (const count of ctx.config.listCounts) {
    const total = await ensureCount(ctx, count);
    // Let Berth's live collections digest the burst of create events before timing.
    await new Promise((r) => setTimeout(r, 1500));
    ctx.log(`list latency at ${total} containers`);
    for (const kind of ['containers', 'images'] as const) {
      const berthWs = kind === 'containers' ? () => ws.api.containers.list({ all: true }) : () => ws.api.images.list();
      const berthRouter =
        kind === 'containers' ? () => router.api.containers.list({ all: true }) : () => router.api.images.list();
      const raw = kind === 'containers' ? '/containers/json?all=1' : '/images/json';
      const cli = kind === 'containers' ? ['ps', '-a'] : ['images'];
      const s = await interleaved(
        [
          { name: 'ws', fn: berthWs },
          { name: 'router', fn: berthRouter },
          { name: 'raw', fn: () => rawList(raw) },
          { name: 'cli', fn: () => docker(...cli) },
        ],
        ctx.config.listReps,
      );
      const m = (name: string) => median(s.get(name) ?? []);
      if (kind === 'containers') ctx.shared.set(`list.containers.${count}`, s.get('ws') ?? []);
      const label = `${kind}.list @${total}`;
      const note =
        m('raw') < 5
          ? "small lists: the ratio is Berth's fixed per-call cost (schema check of the input, JSON over the socket, one more event-loop hop), about 1 ms"
          : undefined;
      rows.push(
        row({
          section: '1 list',
          measurement: `${label} via WebSocket`,
          berth: m('ws'),
          baseline: m('raw'),
          baselineLabel: `GET ${raw}`,
          goal: '≤1.3× raw',
          check: (_b, _base, ratio) => ratio !== null && ratio <= 1.3,
          samples: ctx.config.listReps,
          note,
        }),
        row({
          section: '1 list',
          measurement: `${label} via router (in-process)`,
          berth: m('router'),
          baseline: m('raw'),
          baselineLabel: `GET ${raw}`,
          goal: '≤1.3× raw',
          check: (_b, _base, ratio) => ratio !== null && ratio <= 1.3,
          samples: ctx.config.listReps,
        }),
        row({
          section: '1 list',
          measurement: `${label} via WebSocket vs CLI`,
          berth: m('ws'),
          baseline: m('cli'),
          baselineLabel: `docker ${cli.join(' ')}`,
          goal: '< CLI',
          check: (_b, _base, ratio) => ratio !== null && ratio < 1,
          samples: ctx.config.listReps,
        }),
      );
    }
  }
  await removeContainers(ctx.config.parallel, 'list');
  return rows;
}
