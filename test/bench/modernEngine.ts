/**
 * 12. Today's Docker (opt-in: BERTH_BENCH_MODERN=1, needs Engine 29 from test/engines/start-modern.sh or
 * BERTH_MODERN_DOCKER_HOST, and the buildx and Compose v5 plugins from test/engines/build.sh):
 * - `containers.list` / `images.list` through Berth's router on Engine 20.10 and on Engine 29, with 50 bench
 *   containers on each, vs the raw Engine API call on the same socket (incl. JSON.parse);
 * - a 3-stage BuildKit build (test/fixtures/build/three-stage, no cache) through Berth vs `docker buildx build`;
 * - a three-service stack up through Berth with Compose v5 vs `docker compose up -d`, on Engine 29.
 * Runs alternate; medians. Everything made is labelled berth.bench or tagged berth-bench/… and removed.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createBackend } from '../../main/backend';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { DEBIAN_HOST, modernEngineHost, PLUGINS_DIR } from '../helpers/engines';
import { BENCH_LABEL, BENCH_PREFIX, FIXTURE_BUSYBOX } from './config';
import type { BenchContext } from './context';
import { notMeasured, row, type ResultRow } from './result';
import { median, now } from './stats';

const exec = promisify(execFile);
const SECTION = '12 modern';
const CONTAINERS = Number(process.env.BERTH_BENCH_MODERN_CONTAINERS ?? 50);
const RUNS = Number(process.env.BERTH_BENCH_MODERN_RUNS ?? 5);
const LIST_REPS = Number(process.env.BERTH_BENCH_LIST_REPS ?? 15);

function raw(host: string, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: host.replace(/^unix:\/\//, ''), path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const dockerAt =
  (host: string) =>
  async (...args: string[]) =>
    (await exec('docker', args, { env: { ...process.env, DOCKER_HOST: host }, maxBuffer: 64 * 1024 * 1024 })).stdout;

/** Berth's router in this process on one engine, once connected (images.list asks by API version). */
async function client(host: string): Promise<InProcessClient> {
  const backend = createBackend({ shell: webShell, engineOverride: host, log: () => {} });
  const c = connectInProcess(backend);
  for (let i = 0; i < 200 && !backend.services.engine.connected; i++) await new Promise((r) => setTimeout(r, 50));
  if (!backend.services.engine.connected) throw new Error(`Berth did not connect to ${host}`);
  return c;
}

/**
 * Alternates the methods, rotating which goes first; returns each one's median. A method that returns a
 * number reports its own time (to leave out an untimed teardown); else the whole call is timed.
 */
async function alternate(methods: Record<string, () => Promise<unknown>>, reps: number, warmup = 1) {
  const names = Object.keys(methods);
  const samples = new Map(names.map((n) => [n, [] as number[]]));
  for (let round = 0; round < warmup + reps; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length] as string;
      const t0 = now();
      const own = await methods[name]?.();
      if (round >= warmup) samples.get(name)?.push(typeof own === 'number' ? own : now() - t0);
    }
  }
  return (name: string) => median(samples.get(name) ?? []);
}

async function lists(engineName: string, host: string): Promise<ResultRow[]> {
  const docker = dockerAt(host);
  const names = Array.from({ length: CONTAINERS }, (_, i) => `${BENCH_PREFIX}-modern-${i}`);
  for (const n of names)
    await docker('create', '--name', n, '--label', `${BENCH_LABEL}=modern`, FIXTURE_BUSYBOX, 'true');
  const c = await client(host);
  try {
    const m = await alternate(
      {
        containers: () => c.api.containers.list({ all: true }),
        rawContainers: () => raw(host, '/containers/json?all=1'),
        images: () => c.api.images.list(),
        rawImages: () => raw(host, '/images/json'),
        rawImagesManifests: () => raw(host, '/images/json?manifests=1'),
      },
      LIST_REPS,
      2,
    );
    const total = ((await raw(host, '/containers/json?all=1')) as unknown[]).length;
    const images = ((await raw(host, '/images/json')) as unknown[]).length;
    return [
      row({
        section: SECTION,
        measurement: `${engineName}: containers.list @${total} (router)`,
        berth: m('containers'),
        baseline: m('rawContainers'),
        baselineLabel: 'GET /containers/json?all=1',
        goal: '≤ 1.3× raw',
        check: (_b, _c, r) => r !== null && r <= 1.3,
        samples: LIST_REPS,
      }),
      row({
        section: SECTION,
        measurement: `${engineName}: images.list @${images} (router)`,
        berth: m('images'),
        baseline: m('rawImages'),
        baselineLabel: 'GET /images/json',
        goal: '≤ 1.3× raw',
        check: (_b, _c, r) => r !== null && r <= 1.3,
        samples: LIST_REPS,
        note:
          engineName === 'Engine 29'
            ? `Berth asks with manifests=1 for platforms and sizes; that raw call alone: ${m('rawImagesManifests').toFixed(1)} ms`
            : undefined,
      }),
    ];
  } finally {
    c.close();
    await docker('rm', '-f', ...names).catch(() => '');
  }
}

async function build(host: string, dockerConfig: string): Promise<ResultRow> {
  const docker = dockerAt(host);
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-bk-'));
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'build', 'three-stage'), dir, { recursive: true });
  const tag = `${BENCH_PREFIX}/three-stage:latest`;
  const c = await client(host);
  try {
    const m = await alternate(
      {
        berth: async () => {
          const { taskId } = await c.api.images.build({ context: dir, tags: [tag], noCache: true });
          const task = await c.api.tasks.wait({ id: taskId });
          if (task.state !== 'succeeded') throw new Error(`build ${task.state}: ${task.error?.message ?? ''}`);
          if (!(await c.api.tasks.log({ id: taskId })).lines[0]?.includes('BuildKit')) throw new Error('not BuildKit');
        },
        cli: () => docker('buildx', 'build', '--load', '--no-cache', '--progress', 'rawjson', '-t', tag, dir),
      },
      RUNS,
    );
    return row({
      section: SECTION,
      measurement: `Engine 29: BuildKit 3-stage build, no cache (${RUNS} alternating runs)`,
      berth: m('berth'),
      baseline: m('cli'),
      baselineLabel: 'docker buildx build --load',
      goal: '≤ 1.1× CLI',
      check: (_b, _c, r) => r !== null && r <= 1.1,
      samples: RUNS,
      note: `DOCKER_CONFIG=${dockerConfig}: Berth runs the same buildx with --progress rawjson and reads its steps`,
    });
  } finally {
    c.close();
    await docker('rmi', '-f', tag).catch(() => '');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function composeUp(host: string): Promise<ResultRow> {
  const docker = dockerAt(host);
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-compose5-'));
  const file = join(dir, 'compose.yaml');
  const services = ['web', 'worker', 'cache']
    .map(
      (s) =>
        `  ${s}:\n    image: ${FIXTURE_BUSYBOX}\n    command: ["sleep", "3600"]\n    init: true\n` +
        `    stop_grace_period: 1s\n    labels:\n      ${BENCH_LABEL}: compose5\n`,
    )
    .join('');
  writeFileSync(file, `services:\n${services}`);
  const project = `${BENCH_PREFIX}-compose5`;
  const cli = (...args: string[]) => docker('compose', '-f', file, '-p', project, ...args);
  const c = await client(host);
  await c.api.settings.update({ composeBinary: 'docker' });
  try {
    await cli('down', '-t', '0').catch(() => '');
    const m = await alternate(
      {
        berth: async () => {
          const t0 = now();
          const { taskId } = await c.api.compose.up({ file, project });
          const task = await c.api.tasks.wait({ id: taskId });
          const ms = now() - t0;
          if (task.state !== 'succeeded') throw new Error(`compose.up ${task.state}: ${task.error?.message ?? ''}`);
          await cli('down', '-t', '0');
          return ms;
        },
        cli: async () => {
          const t0 = now();
          await cli('up', '-d');
          const ms = now() - t0;
          await cli('down', '-t', '0');
          return ms;
        },
      },
      RUNS,
    );
    return row({
      section: SECTION,
      measurement: `Engine 29: Compose v5 three-service up (${RUNS} alternating runs)`,
      berth: m('berth'),
      baseline: m('cli'),
      baselineLabel: 'docker compose up -d',
      goal: '≤ 1.1× CLI',
      check: (_b, _c, r) => r !== null && r <= 1.1,
      samples: RUNS,
      note: 'the up only (each run followed by an untimed down); Berth runs it with --progress json',
    });
  } finally {
    await cli('down', '-t', '0').catch(() => '');
    c.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function measureModern(ctx: BenchContext): Promise<ResultRow[]> {
  if (process.env.BERTH_BENCH_MODERN !== '1') {
    return [notMeasured(SECTION, "today's Docker (Engine 29, BuildKit, Compose v5)", 'opt-in: BERTH_BENCH_MODERN=1')];
  }
  const host = await modernEngineHost();
  // Berth's CLIs and the baselines find the built buildx and Compose v5 plugins here; settings go to a temp dir.
  const dockerConfig = mkdtempSync(join(tmpdir(), 'berth-bench-docker-config-'));
  symlinkSync(PLUGINS_DIR, join(dockerConfig, 'cli-plugins'));
  const settings = mkdtempSync(join(tmpdir(), 'berth-bench-settings-'));
  const before = { DOCKER_CONFIG: process.env.DOCKER_CONFIG, BERTH_CONFIG_DIR: process.env.BERTH_CONFIG_DIR };
  process.env.DOCKER_CONFIG = dockerConfig;
  process.env.BERTH_CONFIG_DIR = settings;
  const rows: ResultRow[] = [];
  const step = async (what: string, fn: () => Promise<ResultRow[]>) => {
    try {
      rows.push(...(await fn()));
    } catch (e) {
      ctx.log(`${what} failed: ${(e as Error).stack ?? String(e)}`);
      rows.push(notMeasured(SECTION, what, `failed: ${(e as Error).message.split('\n')[0] ?? ''}`));
    }
  };
  try {
    await step('Engine 20.10 lists', () => lists('Engine 20.10', DEBIAN_HOST));
    await step('Engine 29 lists', () => lists('Engine 29', host));
    await step('BuildKit build', async () => [await build(host, dockerConfig)]);
    await step('Compose v5 up', async () => [await composeUp(host)]);
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dockerConfig, { recursive: true, force: true });
    rmSync(settings, { recursive: true, force: true });
  }
  return rows;
}
