/**
 * 14, second half: `docker run -d` (the CLI, over the remote transport) → the row reading "Up" painted in
 * Chromium, on the Containers view of a web bridge of its own connected to the remote engine (as row 2 does
 * on the local engine: pageProbe.ts's MutationObserver and the next frame).
 *
 * Baseline: the CLI over the same transport seeing the same start, `docker events` (filtered to starts,
 * running before the sample, its line stamped on arrival), in the same sample. It is the CLI's own watch:
 * a connection kept open and pushed to, as Berth's is, so the ratio shows what Berth adds (fetching the
 * container, the bridge, the page) and not the CLI's per-command ssh or TLS handshake. A poll of `docker
 * ps --filter id=…` pays that handshake on every poll and can be no faster than `docker run -d` returning
 * plus one `docker ps`: that, the fastest a user typing in a terminal sees the row, is also timed, in its
 * own samples alternating with Berth's, as a second baseline.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { startBridge, type BridgeProcess } from './bridge';
import { epochNow, openView } from './browser';
import { watchLines } from './cli';
import { wsClient, type BenchClient } from './clients';
import { BENCH_LABEL, BENCH_PREFIX, FIXTURE_BUSYBOX } from './config';
import type { BenchContext } from './context';
import { watchWs } from './eventToScreen';
import { installRowProbe, waitForRow, watchRow } from './pageProbe';
import { row, type ResultRow } from './result';
import { alternate, median, p95, sleep } from './stats';

const exec = promisify(execFile);
const RUNS = Number(process.env.BERTH_BENCH_REMOTE_RUNS ?? 10);
const GROUP = 'remote-run';

export interface RemoteTransport {
  /** "ssh://" or "tcp + TLS", as the rows name it. */
  name: string;
  url: string;
  /** The docker CLI's environment for it: DOCKER_HOST and its TLS or ssh settings. */
  env: NodeJS.ProcessEnv;
  /** The home whose .ssh Berth reads (key, known_hosts). */
  home: string;
}

export async function measureRunToScreen(ctx: BenchContext, t: RemoteTransport): Promise<ResultRow[]> {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-bench-remote-run-'));
  const docker = async (...args: string[]) => (await exec('docker', args, { env: t.env })).stdout;
  const since = String(Math.floor(Date.now() / 1000));
  const format = ['--format', '{{.Actor.Attributes.name}}'];
  const events = watchLines('docker', ['events', '--since', since, '--filter', 'event=start', ...format], t.env);
  const names: string[] = [];
  let bridge: BridgeProcess | undefined;
  let ws: BenchClient | undefined;
  let page: Page | undefined;
  try {
    bridge = await startBridge({
      env: { ...t.env, BERTH_DOCKER_HOST: t.url, HOME: t.home, BERTH_CONFIG_DIR: configDir, SSH_AUTH_SOCK: '' },
    });
    page = await openView(ctx.browser, bridge, 'containers');
    await installRowProbe(page);
    ws = await wsClient(bridge);
    const upserts = watchWs(ws);
    const shown = page;
    const start = async () => {
      const name = `${BENCH_PREFIX}-${GROUP}-${names.length}`;
      names.push(name);
      await watchRow(shown, name);
      const from = events.count();
      const t0 = epochNow();
      const id = await docker(
        'run',
        '-d',
        '--name',
        name,
        '--label',
        `${BENCH_LABEL}=${GROUP}`,
        FIXTURE_BUSYBOX,
        'sleep',
        '3600',
      );
      return { name, id: id.trim(), from, t0, returned: epochNow() - t0 };
    };
    // Each side stamps its own sample from the run's start: the pause after it is not part of it.
    const samples: Array<{ screen: number; events: number; returned: number; upsert: number }> = [];
    const typed: number[] = [];
    ctx.log(`remote: docker run → row over ${t.name}, ${RUNS} runs each way`);
    await alternate(
      {
        berth: async () => {
          const s = await start();
          const [seen, line] = await Promise.all([
            waitForRow(shown, s.name, 60_000),
            events.until(s.from, (cols) => cols[0] === s.name),
          ]);
          samples.push({
            screen: (seen.runningFrame ?? Number.NaN) - s.t0,
            events: line - s.t0,
            returned: s.returned,
            upsert: (upserts.at(s.name) ?? Number.NaN) - s.t0,
          });
          await sleep(50 + Math.random() * 100);
        },
        cli: async () => {
          const s = await start();
          const out = await docker('ps', '--filter', `id=${s.id}`, '--format', '{{.Names}} {{.Status}}');
          if (!out.startsWith(`${s.name} Up`)) throw new Error(`docker ps did not show ${s.name} Up: ${out}`);
          typed.push(epochNow() - s.t0);
          await sleep(50 + Math.random() * 100);
        },
      },
      RUNS,
    );
    upserts.close();
    const measured = samples.slice(2);
    const cli = typed.slice(2);
    const pick = (k: keyof (typeof samples)[number]) => measured.map((s) => s[k]).filter(Number.isFinite);
    const lag = measured.map((s) => s.screen - s.events);
    const what = `docker run -d over ${t.name} → row "Up" painted`;
    const versus = (suffix: string, berth: number, baseline: number, baselineLabel: string, note?: string) =>
      row({
        section: '14 remote',
        measurement: `${what}, ${suffix}`,
        berth,
        baseline,
        baselineLabel,
        samples: measured.length,
        goal: 'as fast as the CLI over the same transport (≤ 1.05×)',
        check: (_b, _c, r) => r !== null && r <= 1.05,
        note,
      });
    const eventsLabel = `docker events over ${t.name}, same sample`;
    const screen = pick('screen');
    return [
      versus(
        'p50',
        median(screen),
        median(pick('events')),
        eventsLabel,
        `median ms from the run: docker run -d returned ${median(pick('returned')).toFixed(0)}, ` +
          `Berth socket's first upsert ${median(pick('upsert')).toFixed(0)}; "Up" painted after the CLI's event line ` +
          `p50 ${median(lag).toFixed(0)} / p95 ${p95(lag).toFixed(0)} ms`,
      ),
      versus('p95', p95(screen), p95(pick('events')), eventsLabel),
      versus(
        'p50, vs typing docker ps',
        median(screen),
        median(cli),
        `docker run -d, then docker ps --filter id=… over ${t.name} (alternating runs)`,
        `p95 ${p95(screen).toFixed(0)} vs ${p95(cli).toFixed(0)} ms`,
      ),
    ];
  } finally {
    ws?.close();
    events.close();
    await page?.close();
    await bridge?.stop();
    if (names.length) await docker('rm', '-f', ...names).catch(() => '');
    rmSync(configDir, { recursive: true, force: true });
  }
}
