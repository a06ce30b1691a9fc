/**
 * 14. Remote engines (opt-in: BERTH_BENCH_REMOTE=1; needs root for the network namespaces): `containers.list`
 * through Berth's router over ssh:// (sshd in a network namespace, test/helpers/sshEngineHost.ts, reaching
 * this machine's engine, 50 bench containers added) and over tcp with TLS (dockerd --tlsverify, test/helpers/tlsEngine.ts, with 50 bench
 * containers), each against the docker CLI over the same transport: `docker ps -a` with DOCKER_HOST=ssh://…
 * (the CLI's own ssh, given the same key and known_hosts through a wrapper on PATH) and with
 * DOCKER_TLS_VERIFY/DOCKER_CERT_PATH. Runs alternate; medians.
 */
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
import { notMeasured, row, type ResultRow } from './result';
import { median, now } from './stats';

const exec = promisify(execFile);
const SECTION = '14 remote';
const REPS = Number(process.env.BERTH_BENCH_LIST_REPS ?? 15);
const CONTAINERS = 50;

async function client(url: string, env: NodeJS.ProcessEnv, home: string): Promise<InProcessClient> {
  const backend = createBackend({
    shell: webShell,
    engineOverride: url,
    configDir: mkdtempSync(join(tmpdir(), 'berth-bench-remote-settings-')),
    log: () => {},
    engineEnv: { ...defaultEndpointEnv(), env, home },
  });
  const c = connectInProcess(backend);
  for (let i = 0; i < 1200 && !backend.services.engine.connected; i++) await new Promise((r) => setTimeout(r, 50));
  if (!backend.services.engine.connected) throw new Error(`Berth did not connect to ${url}`);
  return c;
}

async function alternate(methods: Record<string, () => Promise<unknown>>, reps: number) {
  const names = Object.keys(methods);
  const samples = new Map(names.map((n) => [n, [] as number[]]));
  for (let round = 0; round < reps + 2; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length] as string;
      const t0 = now();
      await methods[name]?.();
      if (round >= 2) samples.get(name)?.push(now() - t0);
    }
  }
  return (name: string) => median(samples.get(name) ?? []);
}

const cli = (env: NodeJS.ProcessEnv) => () => exec('docker', ['ps', '-a'], { env, maxBuffer: 64 * 1024 * 1024 });

async function overSsh(): Promise<ResultRow> {
  const host = await startSshEngineHost();
  const bin = mkdtempSync(join(tmpdir(), 'berth-bench-ssh-bin-'));
  try {
    const knownHosts = join(host.home, '.ssh', 'known_hosts');
    writeFileSync(knownHosts, `${host.knownHostsLine()}\n`);
    // The CLI runs `ssh`: the same key and known_hosts as Berth's, and nothing from root's own ~/.ssh.
    const wrapper = join(bin, 'ssh');
    const key = join(host.home, '.ssh', 'id_ed25519');
    writeFileSync(
      wrapper,
      `#!/bin/sh\nexec /usr/bin/ssh -F /dev/null -i ${key} -o IdentitiesOnly=yes -o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    for (const k of ['SSH_AUTH_SOCK', 'DOCKER_CONTEXT', 'DOCKER_HOST']) delete env[k];
    // The same load as the TLS engine's: 50 bench containers on the engine the ssh host reaches.
    for (let i = 0; i < CONTAINERS; i++) {
      const name = `${BENCH_PREFIX}-remote-ssh-${i}`;
      await exec('docker', ['create', '--name', name, '--label', `${BENCH_LABEL}=remote`, FIXTURE_BUSYBOX, 'true']);
    }
    const c = await client(host.url, env, host.home);
    try {
      const m = await alternate(
        {
          berth: () => c.api.containers.list({ all: true }),
          cli: cli({ ...env, DOCKER_HOST: host.url }),
        },
        REPS,
      );
      const total = (await c.api.containers.list({ all: true })).length;
      return row({
        section: SECTION,
        measurement: `containers.list @${total} over ssh:// (router)`,
        berth: m('berth'),
        baseline: m('cli'),
        baselineLabel: 'docker ps -a, DOCKER_HOST=ssh://',
        goal: 'faster than the CLI',
        check: (_b, _c, r) => r !== null && r < 1,
        samples: REPS,
        note: 'one SSH connection kept open, a dial-stdio channel per request; the CLI opens a new ssh connection per command',
      });
    } finally {
      c.close();
    }
  } finally {
    rmSync(bin, { recursive: true, force: true });
    await host.stop();
  }
}

async function overTls(): Promise<ResultRow> {
  const engine = await startTlsEngine();
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
    delete env.DOCKER_CONTEXT;
    const home = mkdtempSync(join(tmpdir(), 'berth-bench-remote-home-'));
    const c = await client(engine.url, env, home);
    try {
      const m = await alternate({ berth: () => c.api.containers.list({ all: true }), cli: cli(env) }, REPS);
      return row({
        section: SECTION,
        measurement: `containers.list @${CONTAINERS} over tcp + TLS (router)`,
        berth: m('berth'),
        baseline: m('cli'),
        baselineLabel: 'docker ps -a, DOCKER_TLS_VERIFY',
        goal: 'faster than the CLI',
        check: (_b, _c, r) => r !== null && r < 1,
        samples: REPS,
        note: 'TLS session kept alive by Berth; the CLI makes a new TLS connection per command',
      });
    } finally {
      c.close();
      rmSync(home, { recursive: true, force: true });
    }
  } finally {
    await engine.stop();
  }
}

export async function measureRemote(_ctx: BenchContext): Promise<ResultRow[]> {
  if (process.env.BERTH_BENCH_REMOTE !== '1') {
    return [notMeasured(SECTION, 'remote engines (ssh://, TLS)', 'opt-in: BERTH_BENCH_REMOTE=1 (root)')];
  }
  return [await overSsh(), await overTls()];
}
