/**
 * Debian's podman serving its Docker-compatible API (`podman system service --time=0 unix:///…`) from its own
 * storage (--root/--runroot in a temporary folder), with the fixture busybox image loaded into it
 * (`docker save | podman load`). This machine's quirk, not Podman's: without CAP_SYS_RESOURCE runc cannot
 * raise a container's rlimits to podman's defaults for root, so then a containers.conf (CONTAINERS_CONF)
 * made here asks for lower ones. Each phase prints its time.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, FIXTURE_BUSYBOX } from './docker';
import { answersPing, stopProcess } from './daemons';

const exec = promisify(execFile);

export interface PodmanService {
  url: string;
  socket: string;
  /** Runs the podman CLI on this service's storage. */
  podman(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await work();
  console.log(`[podmanService] ${what}: ${Date.now() - t0} ms`);
  return result;
}

const lacksSysResource = () => {
  const bounding = /^CapBnd:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 'ffffffffff';
  return ((BigInt(`0x${bounding}`) >> 24n) & 1n) === 0n;
};

export async function startPodmanService(): Promise<PodmanService> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-podman-'));
  const socket = join(dir, 'podman.sock');
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (lacksSysResource()) {
    const conf = join(dir, 'containers.conf');
    writeFileSync(conf, '[containers]\ndefault_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]\n');
    env.CONTAINERS_CONF = conf;
  }
  const base = ['--root', join(dir, 'root'), '--runroot', join(dir, 'run')];
  const podman = async (...args: string[]) =>
    (await exec('podman', [...base, ...args], { env, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();

  await timed('load the fixture image (docker save | podman load)', async () => {
    const tar = join(dir, 'busybox.tar');
    await exec('docker', ['save', FIXTURE_BUSYBOX, '-o', tar]);
    await podman('load', '-i', tar);
    rmSync(tar);
  });
  let child: ChildProcess | undefined;
  await timed('podman system service', async () => {
    child = spawn('podman', [...base, 'system', 'service', '--time=0', `unix://${socket}`], { env, stdio: 'ignore' });
    await eventually('podman to answer', () => answersPing(socket), 60_000);
  });
  return {
    url: `unix://${socket}`,
    socket,
    podman,
    stop: async () => {
      await podman('rm', '-a', '-f').catch(() => '');
      const c = child;
      child = undefined;
      await stopProcess(c);
      await podman('system', 'reset', '--force').catch(() => '');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
