/**
 * A second, private Docker engine on its own socket, data root and network namespace, so a test can stop
 * and restart an engine without touching the one every other test uses (without its own network
 * namespace, a second dockerd tears down the first one's docker0 bridge). Needs root (as CI runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './docker';

export interface SecondEngine {
  socket: string;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Copies an image from the shared engine into this one (`docker save | docker load`). */
  loadImage(image: string): Promise<void>;
  /** Stops it and removes its folders. */
  dispose(): Promise<void>;
}

/**
 * This machine's quirk (see test/fixtures/start-services.sh): without CAP_SYS_RESOURCE, `--privileged`
 * (kind's nodes) needs the runtime wrapper that start-services.sh installed.
 */
function runtimeArgs(): string[] {
  const bounding = /^CapBnd:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 'ffffffffff';
  const hasSysResource = (BigInt(`0x${bounding}`) >> 24n) & 1n;
  const wrapper = '/usr/local/sbin/berth-test-runc';
  return hasSysResource || !existsSync(wrapper)
    ? []
    : ['--add-runtime', `berth-test-runc=${wrapper}`, '--default-runtime', 'berth-test-runc'];
}

export function secondEngine(): SecondEngine {
  const dir = mkdtempSync(join(tmpdir(), 'berth-engine-'));
  const socket = join(dir, 'docker.sock');
  let child: ChildProcess | undefined;
  const alive = async () => {
    return new Promise<boolean>((resolve) => {
      const req = request({ socketPath: socket, path: '/_ping' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
  };
  const engine: SecondEngine = {
    socket,
    url: `unix://${socket}`,
    async start() {
      // unshare runs dockerd in a fresh network namespace with its loopback up (so ports published on
      // 127.0.0.1 there, as kind's API server port is, can be bound); exec keeps the child's pid dockerd's.
      child = spawn(
        'unshare',
        [
          '--net',
          'sh',
          '-c',
          'ip link set lo up && exec "$@"',
          'sh',
          'dockerd',
          '--host',
          `unix://${socket}`,
          '--data-root',
          join(dir, 'data'),
          '--exec-root',
          join(dir, 'exec'),
          '--pidfile',
          join(dir, 'docker.pid'),
          '--bridge',
          'none',
          '--iptables=false',
          '--ip-masq=false',
          ...runtimeArgs(),
        ],
        { stdio: 'ignore' },
      );
      await eventually('the second engine to answer', alive, 60_000);
    },
    async stop() {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await exited;
    },
    async loadImage(image) {
      const save = spawn('docker', ['save', image], { stdio: ['ignore', 'pipe', 'inherit'] });
      const load = spawn('docker', ['-H', `unix://${socket}`, 'load', '-q'], {
        stdio: ['pipe', 'ignore', 'inherit'],
      });
      save.stdout.pipe(load.stdin);
      const exit = (c: ChildProcess) => new Promise<number | null>((r) => c.once('exit', r));
      const [saved, loaded] = await Promise.all([exit(save), exit(load)]);
      if (saved !== 0 || loaded !== 0)
        throw new Error(`docker save ${image} | docker load failed (${saved}, ${loaded})`);
    },
    async dispose() {
      await engine.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return engine;
}
