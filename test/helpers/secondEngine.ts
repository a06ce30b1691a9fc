/**
 * A second, private Docker engine on its own socket, data root and network namespace, so a test can stop
 * and restart an engine without touching the one every other test uses (without its own network
 * namespace, a second dockerd tears down the first one's docker0 bridge). Needs root (as CI runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docker, eventually, FIXTURE_BUSYBOX } from './docker';
import { answersPing, privateDockerdArgs, stopProcess } from './daemons';

export interface SecondEngine {
  socket: string;
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** dockerd's pid while it runs: `nsenter -t <pid> -n` enters its network namespace. */
  pid(): number;
  running(): boolean;
  /** Copies an image from the shared engine into this one (`docker save | docker load`). */
  loadImage(image: string): Promise<void>;
  /** Stops it and removes its folders. */
  dispose(): Promise<void>;
}

export interface SecondEngineOptions {
  /**
   * A named network namespace (`ip netns add`) to run in: it outlives the engine, so what a test runs beside
   * it there (a registry) is still reachable after a restart. Without it, each start gets a fresh namespace.
   */
  netns?: string;
  /** Where the engine keeps images and containers (a small filesystem, to fill it); else a temp folder. */
  dataRoot?: string;
}

export function secondEngine(options: SecondEngineOptions = {}): SecondEngine {
  const dir = mkdtempSync(join(tmpdir(), 'berth-engine-'));
  const socket = join(dir, 'docker.sock');
  let child: ChildProcess | undefined;
  const alive = () => answersPing(socket);
  const engine: SecondEngine = {
    socket,
    url: `unix://${socket}`,
    async start() {
      // dockerd runs in its own network namespace (a fresh one, or the named one) with its loopback up, so
      // ports published on 127.0.0.1 there (kind's API server port) can be bound; exec keeps the pid dockerd's.
      const enter = options.netns ? ['nsenter', `--net=/run/netns/${options.netns}`] : ['unshare', '--net'];
      child = spawn(
        enter[0]!,
        [
          ...enter.slice(1),
          'sh',
          '-c',
          'ip link set lo up && exec "$@"',
          'sh',
          'dockerd',
          '--host',
          `unix://${socket}`,
          ...privateDockerdArgs(dir, options.dataRoot),
        ],
        { stdio: 'ignore' },
      );
      await eventually('the second engine to answer', alive, 60_000);
    },
    async stop() {
      const c = child;
      child = undefined;
      await stopProcess(c);
    },
    running: () => child !== undefined && child.exitCode === null,
    pid() {
      if (!child?.pid || child.exitCode !== null) throw new Error('the second engine is not running');
      return child.pid;
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

/** Runs a container on the engine directly (not through Berth) that prints "tick N" every 0.2 s; its id. */
export function runTicking(engine: SecondEngine, name?: string): Promise<string> {
  const named = name ? ['--name', name] : [];
  const script = 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done';
  return docker('-H', engine.url, 'run', '-d', '--network', 'none', ...named, FIXTURE_BUSYBOX, 'sh', '-c', script);
}
