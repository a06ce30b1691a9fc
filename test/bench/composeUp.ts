/**
 * 5. Compose up: Berth's one-click up (compose.up, then tasks.wait) of a three-service busybox stack vs
 * `docker-compose up -d` on the same file, alternating runs, each followed by an untimed down.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './cli';
import { BENCH_LABEL, BENCH_PREFIX, FIXTURE_BUSYBOX } from './config';
import type { BenchContext } from './context';
import { hasComposeUp } from './features';
import { notMeasured, row, type ResultRow } from './result';
import { median, now } from './stats';
import type { ApiError } from '../../contract/errors';

const PROJECT = `${BENCH_PREFIX}-compose`;

const composeFile = () =>
  ['web', 'worker', 'cache']
    .map(
      (s) =>
        `  ${s}:\n    image: ${FIXTURE_BUSYBOX}\n    command: ["sleep", "3600"]\n    stop_grace_period: 1s\n` +
        `    labels:\n      ${BENCH_LABEL}: compose\n`,
    )
    .join('')
    .replace(/^/, 'version: "3.8"\nservices:\n');

export async function measureComposeUp(ctx: BenchContext): Promise<ResultRow[]> {
  const section = '5 compose';
  const what = `three-service stack up (${ctx.config.composeRuns} alternating runs)`;
  if (!hasComposeUp()) return [notMeasured(section, what, 'the contract has no compose.up call yet')];
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-compose-'));
  const file = join(dir, 'docker-compose.yml');
  writeFileSync(file, composeFile());
  const cli = (...args: string[]) => run('docker-compose', ['-f', file, '-p', PROJECT, ...args]);
  const berth: number[] = [];
  const base: number[] = [];
  const config: number[] = [];
  try {
    await cli('down', '-t', '0').catch(() => '');
    for (let i = 0; i < ctx.config.composeRuns; i++) {
      let t0 = now();
      await cli('up', '-d');
      base.push(now() - t0);
      await cli('down', '-t', '0');
      t0 = now();
      await cli('config', '-q');
      config.push(now() - t0);
      t0 = now();
      const { taskId } = await ctx.ws.api.compose.up({ file, project: PROJECT });
      const task = await ctx.ws.api.tasks.wait({ id: taskId });
      berth.push(now() - t0);
      if (task.state !== 'succeeded')
        throw new Error(`compose.up ${task.state}: ${task.error?.message ?? task.message}`);
      await cli('down', '-t', '0');
    }
  } catch (e) {
    if ((e as ApiError).code === 'unknown_method')
      return [notMeasured(section, what, 'compose.up is in the contract but not implemented in main yet')];
    throw e;
  } finally {
    await cli('down', '-t', '0').catch(() => '');
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    row({
      section,
      measurement: what,
      berth: median(berth),
      baseline: median(base),
      baselineLabel: 'docker-compose up -d',
      goal: '< 1.1× CLI',
      check: (_b, _c, ratio) => ratio !== null && ratio < 1.1,
      samples: berth.length,
      note:
        `Berth checks the file with \`config -q\` once (${median(config).toFixed(0)} ms here) and reuses the ` +
        `result while the files are unchanged; each timed up is then one \`up -d\` plus Berth's task and progress parsing`,
    }),
  ];
}
