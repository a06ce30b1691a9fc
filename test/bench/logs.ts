/**
 * 4. Logs: a container prints N lines (default 1,000,000); time until the last line arrives through
 * Berth's containers.logs stream (over the bridge's WebSocket) vs `docker logs` on the CLI, alternating.
 * The Logs view in Chromium is logsView.ts.
 */
import { spawn } from 'node:child_process';
import { BENCH_PREFIX } from './config';
import type { BenchContext } from './context';
import { engineJson } from './engine';
import { containerSpec } from './load';
import { hasContainerLogs } from './features';
import { notMeasured, row, type ResultRow } from './result';
import { median, now } from './stats';
import type { ApiError } from '../../contract/errors';

interface Read {
  ms: number;
  lines: number;
  last: string;
  dropped: number;
}

function viaBerth(ctx: BenchContext, id: string): Promise<Read> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    let lines = 0;
    let dropped = 0;
    let last = '';
    ctx.ws.api.containers.logs.subscribe(
      { id, follow: false, tail: 'all' },
      {
        onEvent: (e) => {
          lines += e.lines.length;
          dropped += e.dropped;
          const l = e.lines[e.lines.length - 1];
          if (l) last = l.text;
        },
        onEnd: (error) =>
          error
            ? reject(Object.assign(new Error(error.message), { code: error.code }))
            : resolve({ ms: now() - t0, lines, last, dropped }),
      },
    );
  });
}

function viaCli(id: string): Promise<Read> {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn('docker', ['logs', id], { stdio: ['ignore', 'pipe', 'ignore'] });
    let lines = 0;
    let tail = '';
    child.stdout.on('data', (c: Buffer) => {
      for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
      tail = (tail + String(c.subarray(Math.max(0, c.length - 64)))).slice(-64);
    });
    child.on('error', reject);
    child.on('close', () => resolve({ ms: now() - t0, lines, last: tail.trim().split('\n').pop() ?? '', dropped: 0 }));
  });
}

export async function measureLogs(ctx: BenchContext): Promise<ResultRow[]> {
  const section = '4 logs';
  const n = ctx.config.logLines;
  const what = `${n.toLocaleString('en')} lines: last line arrived`;
  const rows: ResultRow[] = [];
  if (!hasContainerLogs()) return [notMeasured(section, what, 'the contract has no containers.logs stream yet')];
  const spec = { ...containerSpec('logs'), Cmd: ['seq', '1', String(n)] };
  const { Id } = await engineJson<{ Id: string }>('POST', `/containers/create?name=${BENCH_PREFIX}-logs`, spec);
  await engineJson('POST', `/containers/${Id}/start`);
  await engineJson('POST', `/containers/${Id}/wait`);
  const berth: Read[] = [];
  const cli: Read[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      ctx.log(`logs: read ${i + 1}/3`);
      cli.push(await viaCli(Id));
      berth.push(await viaBerth(ctx, Id));
    }
  } catch (e) {
    if ((e as ApiError).code === 'unknown_method')
      return [notMeasured(section, what, 'containers.logs is in the contract but not implemented in main yet')];
    const c = median(cli.map((r) => r.ms));
    return [
      {
        ...notMeasured(
          section,
          `${what} (Berth WebSocket vs docker logs)`,
          `Berth's stream failed: ${(e as Error).message}`,
        ),
        baseline: c,
        baselineLabel: 'docker logs',
        unit: 'ms',
        goal: '≤ CLI',
        met: false,
      },
    ];
  }
  const b = median(berth.map((r) => r.ms));
  const c = median(cli.map((r) => r.ms));
  const last = berth[berth.length - 1];
  const complete = last?.last === String(n) && last.lines + last.dropped >= n;
  rows.push(
    row({
      section,
      measurement: `${what} (Berth WebSocket vs docker logs)`,
      berth: b,
      baseline: c,
      baselineLabel: 'docker logs',
      goal: '≤ CLI',
      check: (_b, _c, ratio) => ratio !== null && ratio <= 1 && complete,
      samples: berth.length,
      note:
        `Berth ${Math.round(n / (b / 1000)).toLocaleString('en')} lines/s, CLI ${Math.round(n / (c / 1000)).toLocaleString('en')} lines/s; ` +
        `Berth delivered ${last?.lines ?? 0} lines, dropped ${last?.dropped ?? 0}, last "${last?.last ?? ''}"`,
    }),
  );
  return rows;
}
