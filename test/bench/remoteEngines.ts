/**
 * 14. Remote engines (opt-in: BERTH_BENCH_REMOTE=1; needs root for the network namespaces), over ssh:// (sshd
 * in a network namespace, test/helpers/sshEngineHost.ts, reaching this machine's engine, 50 bench containers
 * added) and over tcp with TLS (dockerd --tlsverify, test/helpers/tlsEngine.ts, with 50 bench containers),
 * each against the docker CLI over the same transport: DOCKER_HOST=ssh://… (the CLI's own ssh, given the
 * same key and known_hosts through a wrapper on PATH) and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH.
 * First `containers.list` through Berth's router vs `docker ps -a`, alternating, medians; then `docker run`
 * → its row on screen (remoteRunToScreen.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createBackend } from '../../main/backend';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { startSshEngineHost } from '../helpers/sshEngineHost';
import { startTlsEngine } from '../helpers/tlsEngine';
import { BENCH_LABEL, BENCH_PREFIX, FIXTURE_BUSYBOX } from './config';
import type { BenchContext } from './context';
import { measureRunToScreen, type RemoteTransport } from './remoteRunToScreen';
import { notMeasured, row, type ResultRow } from './result';
import { alternate, median } from './stats';

const exec = promisify(execFile);
const SECTION = '14 remote';
const REPS = Number(process.env.BERTH_BENCH_LIST_REPS ?? 15);
const CONTAINERS = 50;

async function client(t: RemoteTransport): Promise<InProcessClient> {
  const backend = createBackend({
    shell: webShell,
    engineOverride: t.url,
    configDir: mkdtempSync(join(tmpdir(), 'berth-bench-remote-settings-')),
    log: () => {},
    engineEnv: { ...defaultEndpointEnv(), env: t.env, home: t.home },
  });
  const c = connectInProcess(backend);
  for (let i = 0; i < 1200 && !backend.services.engine.connected; i++) await new Promise((r) => setTimeout(r, 50));
  if (!backend.services.engine.connected) throw new Error(`Berth did not connect to ${t.url}`);
  return c;
}

/** `containers.list` through the router vs `docker ps -a`, both over `t`. */
async function listRow(t: RemoteTransport, note: string): Promise<ResultRow> {
  const c = await client(t);
  try {
    const m = await alternate(
      {
        berth: () => c.api.containers.list({ all: true }),
        cli: () => exec('docker', ['ps', '-a'], { env: t.env, maxBuffer: 64 * 1024 * 1024 }),
      },
      REPS,
    );
    const total = (await c.api.containers.list({ all: true })).length;
    return row({
      section: SECTION,
      measurement: `containers.list @${total} over ${t.name} (router)`,
      berth: median(m('berth')),
      baseline: median(m('cli')),
      baselineLabel: `docker ps -a, ${t.name === 'ssh://' ? 'DOCKER_HOST=ssh://' : 'DOCKER_TLS_VERIFY'}`,
      goal: 'faster than the CLI',
      check: (_b, _c, r) => r !== null && r < 1,
      samples: REPS,
      note,
    });
  } finally {
    c.close();
  }
}

async function overSsh(ctx: BenchContext): Promise<ResultRow[]> {
  const host = await startSshEngineHost();
  try {
    writeFileSync(join(host.home, '.ssh', 'known_hosts'), `${host.knownHostsLine()}\n`);
    // The CLI runs `ssh`: the helper's wrapper, with the same key and host key as Berth's, nothing from root's ~/.ssh.
    const bin = host.cliSshDir();
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, DOCKER_HOST: host.url };
    for (const k of ['SSH_AUTH_SOCK', 'DOCKER_CONTEXT', 'BERTH_DOCKER_HOST']) delete env[k];
    // The same load as the TLS engine's: 50 bench containers on the engine the ssh host reaches.
    for (let i = 0; i < CONTAINERS; i++) {
      const name = `${BENCH_PREFIX}-remote-ssh-${i}`;
      await exec('docker', ['create', '--name', name, '--label', `${BENCH_LABEL}=remote`, FIXTURE_BUSYBOX, 'true']);
    }
    const t: RemoteTransport = { name: 'ssh://', url: host.url, env, home: host.home };
    const list = await listRow(
      t,
      'one SSH connection kept open, a dial-stdio channel per request; the CLI opens a new ssh connection per command',
    );
    return [list, ...(await measureRunToScreen(ctx, t))];
  } finally {
    await host.stop();
  }
}

async function overTls(ctx: BenchContext): Promise<ResultRow[]> {
  const engine = await startTlsEngine();
  const home = mkdtempSync(join(tmpdir(), 'berth-bench-remote-home-'));
  try {
    const tar = join(tmpdir(), 'berth-bench-remote-busybox.tar');
    await exec('docker', ['save', FIXTURE_BUSYBOX, '-o', tar]);
    const local = (...args: string[]) => exec('docker', ['-H', `unix://${engine.socket}`, ...args]);
    await local('load', '-i', tar);
    rmSync(tar, { force: true });
    for (let i = 0; i < CONTAINERS; i++) {
      await local(
        'create',
        '--name',
        `${BENCH_PREFIX}-remote-${i}`,
        '--label',
        `${BENCH_LABEL}=remote`,
        FIXTURE_BUSYBOX,
        'true',
      );
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DOCKER_HOST: engine.url,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: engine.certDir('good'),
    };
    for (const k of ['DOCKER_CONTEXT', 'BERTH_DOCKER_HOST']) delete env[k];
    const t: RemoteTransport = { name: 'tcp + TLS', url: engine.url, env, home };
    const list = await listRow(t, 'TLS session kept alive by Berth; the CLI makes a new TLS connection per command');
    return [list, ...(await measureRunToScreen(ctx, t))];
  } finally {
    rmSync(home, { recursive: true, force: true });
    await engine.stop();
  }
}

export async function measureRemote(ctx: BenchContext): Promise<ResultRow[]> {
  if (process.env.BERTH_BENCH_REMOTE !== '1') {
    return [notMeasured(SECTION, 'remote engines (ssh://, TLS)', 'opt-in: BERTH_BENCH_REMOTE=1 (root)')];
  }
  return [...(await overSsh(ctx)), ...(await overTls(ctx))];
}
