/**
 * 18. A burst of image events: a script removes N tags (as `docker rmi` in a loop or an image prune does)
 * while Berth's Images view is open on a bridge of its own, beside the same removal with no such bridge.
 * What it costs the engine (dockerd's CPU seconds) and how long the removal takes: every image event asks
 * Berth for a whole re-list (`GET /images/json`, ~0.3 s of the engine's time at 10,000 tags), and the
 * status bar's counts list the images too. The bench's own bridge (the other items') is stopped (SIGSTOP)
 * through both halves, so the baseline is the removal with no Berth at all; resumed, it lists afresh.
 */
import { readFileSync } from 'node:fs';
import { startBridge } from './bridge';
import type { BenchContext } from './context';
import { removeTags, tagImages } from './load';
import { cpuSeconds } from './procStat';
import { row, type ResultRow } from './result';
import { now, sleep } from './stats';

const dockerdPid = (): number => Number(readFileSync('/var/run/docker.pid', 'utf8').trim());

/**
 * Removes every bench tag, then waits for `settled` (a view showing the end of it); dockerd's CPU seconds
 * and the wall seconds until then: the re-lists a pace puts after the last event count too.
 */
async function timedRemoval(
  ctx: BenchContext,
  settled: () => Promise<unknown> = async () => {},
): Promise<{ cpu: number; wall: number; tags: number }> {
  const pid = dockerdPid();
  const cpu0 = cpuSeconds(pid);
  const t0 = now();
  const tags = await removeTags(ctx.config.parallel);
  await settled();
  return { cpu: cpuSeconds(pid) - cpu0, wall: (now() - t0) / 1000, tags };
}

export async function measureTagBurst(ctx: BenchContext): Promise<ResultRow[]> {
  process.kill(ctx.bridge.pid, 'SIGSTOP');
  try {
    return await measure(ctx);
  } finally {
    process.kill(ctx.bridge.pid, 'SIGCONT');
  }
}

async function measure(ctx: BenchContext): Promise<ResultRow[]> {
  const n = ctx.config.burstTags;
  await removeTags(ctx.config.parallel);
  await tagImages(n, ctx.config.parallel);
  await sleep(3000);
  const alone = await timedRemoval(ctx);
  ctx.log(`burst: ${alone.tags} tags removed with no app watching: ${alone.cpu.toFixed(1)} s of dockerd CPU`);

  await tagImages(n, ctx.config.parallel);
  const bridge = await startBridge();
  let watched: { cpu: number; wall: number; tags: number };
  try {
    const page = await ctx.browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${bridge.url}#/images`);
    const rowCount = () =>
      page.evaluate(() =>
        Number(document.querySelector('[data-testid="images-table"]')?.getAttribute('data-rows') ?? 0),
      );
    await page.waitForFunction(
      (want) => Number(document.querySelector('[data-testid="images-table"]')?.getAttribute('data-rows') ?? 0) >= want,
      n,
      { timeout: 60_000, polling: 200 },
    );
    await sleep(3000);
    const before = (await rowCount()) - n;
    // Until the view shows the end of the removal: none of the tags left (its last re-list done).
    watched = await timedRemoval(ctx, () =>
      page.waitForFunction(
        (want) =>
          Number(document.querySelector('[data-testid="images-table"]')?.getAttribute('data-rows') ?? 0) <= want,
        before,
        { timeout: 120_000, polling: 100 },
      ),
    );
    await page.close();
  } finally {
    await bridge.stop();
  }
  ctx.log(`burst: ${watched.tags} tags removed with the Images view open: ${watched.cpu.toFixed(1)} s of dockerd CPU`);
  const section = '18 burst';
  return [
    row({
      section,
      measurement: `a script removes ${n} tags (${ctx.config.parallel} at a time), Images view open on its own bridge: dockerd CPU`,
      unit: 's',
      berth: watched.cpu,
      baseline: alone.cpu,
      baselineLabel: 'the same removal, no Berth',
      goal: '≤ 1.5×',
      check: (_b, _base, ratio) => ratio !== null && ratio <= 1.5,
      note: `removal took ${watched.wall.toFixed(1)} s (alone ${alone.wall.toFixed(1)} s)`,
    }),
  ];
}
