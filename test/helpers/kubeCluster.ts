/**
 * The local control plane (test/kube-cluster: etcd, kube-apiserver, controller-manager, scheduler, kwok with
 * 3 fake nodes) for kube tests. `useKubeCluster()` in a beforeAll starts it with start.sh unless it already
 * runs; stop() in afterAll stops it when the helper started it and no other test process still uses it (a
 * cluster that was already running is left alone). The default export is the same as a vitest globalSetup.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const KUBE_SCRIPTS = join(import.meta.dirname, '..', 'kube-cluster');
export const KUBE_DIR = process.env.BERTH_KUBE_DIR ?? '/tmp/berth-kube';
export const KUBECONFIG = join(KUBE_DIR, 'kubeconfig');
export const KUBE_CONTEXT = 'berth-test';
export const KUBE_BIN = join(process.env.BERTH_KUBE_CACHE ?? join(homedir(), '.cache', 'berth-kube'), 'bin');
/** The real kind CLI the cluster build caches (tests put it on BERTH_KIND; the app never needs it). */
export const KIND_BIN = join(KUBE_BIN, 'kind');

export interface KubeCluster {
  kubeconfig: string;
  context: string;
  /** Whether this process started it. */
  started: boolean;
  /** Leaves the cluster; the last test process to leave a cluster the helper started stops it. */
  stop(): Promise<void>;
}

/** kubectl against the test cluster: the independent check, never the code under test. */
export async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await exec('kubectl', ['--kubeconfig', KUBECONFIG, '--request-timeout=20s', ...args], {
    maxBuffer: 32 * 1024 * 1024,
  });
  return stdout.trim();
}

export async function clusterReady(): Promise<boolean> {
  if (!existsSync(KUBECONFIG)) return false;
  try {
    return (await kubectl('get', '--raw', '/readyz')) === 'ok';
  } catch {
    return false;
  }
}

// Test files of the integration and e2e projects run in parallel processes: starting is serialised by a
// lock directory, and each process registers under USERS so only the last one out stops the cluster.
const LOCK = `${KUBE_DIR}.tests-lock`;
const USERS = `${KUBE_DIR}.tests-users`;
const STARTED_BY_HELPER = join(USERS, 'started-by-helper');

async function withLock<T>(run: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 45 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      try {
        if (Date.now() - statSync(LOCK).mtimeMs > 20 * 60_000) rmSync(LOCK, { recursive: true, force: true });
      } catch {
        // the holder just released it
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await run();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function useKubeCluster(): Promise<KubeCluster> {
  const me = join(USERS, String(process.pid));
  const started = await withLock(async () => {
    mkdirSync(USERS, { recursive: true });
    writeFileSync(me, '');
    if (await clusterReady()) return false;
    if (!existsSync(join(KUBE_SCRIPTS, 'start.sh'))) throw new Error('test/kube-cluster/start.sh is missing');
    await exec('bash', [join(KUBE_SCRIPTS, 'start.sh')], { timeout: 40 * 60_000, maxBuffer: 64 * 1024 * 1024 });
    writeFileSync(STARTED_BY_HELPER, '');
    return true;
  });
  return {
    kubeconfig: KUBECONFIG,
    context: KUBE_CONTEXT,
    started,
    stop: () =>
      withLock(async () => {
        rmSync(me, { force: true });
        const others = readdirSync(USERS)
          .filter((f) => /^\d+$/.test(f))
          .filter((f) => {
            if (alive(Number(f))) return true;
            rmSync(join(USERS, f), { force: true });
            return false;
          });
        if (others.length === 0 && existsSync(STARTED_BY_HELPER)) {
          await exec('bash', [join(KUBE_SCRIPTS, 'stop.sh')], { timeout: 120_000 });
          rmSync(STARTED_BY_HELPER, { force: true });
        }
      }),
  };
}

/** Stops and restarts kube-apiserver (everything else keeps running); resolves once it is ready again. */
export async function restartApiserver(secondsDown = 0): Promise<void> {
  await exec('bash', [join(KUBE_SCRIPTS, 'restart-apiserver.sh'), String(secondsDown)], { timeout: 180_000 });
}

/**
 * Runs `fn` with kube-controller-manager paused (SIGSTOP, then SIGCONT however `fn` ends): what the
 * controllers would write meanwhile waits. Keep `fn` short — other test files share the cluster. The
 * controller-manager runs without leader election here, so a pause costs it no lease.
 */
export async function withControllersPaused<T>(fn: () => Promise<T>): Promise<T> {
  const pid = Number(readFileSync(join(KUBE_DIR, 'pids', 'kube-controller-manager.pid'), 'utf8').trim());
  process.kill(pid, 'SIGSTOP');
  try {
    return await fn();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

/** A namespace name unique to this run. */
export const testNamespace = (): string => `berth-test-${Math.random().toString(36).slice(2, 8)}`;

export async function deleteNamespaces(...names: string[]): Promise<void> {
  await Promise.all(
    names.map((n) => kubectl('delete', 'namespace', n, '--wait=false', '--ignore-not-found').catch(() => '')),
  );
}

/** vitest globalSetup: start (if needed), and return the teardown. */
export default async function setup(): Promise<() => Promise<void>> {
  const cluster = await useKubeCluster();
  return () => cluster.stop();
}
