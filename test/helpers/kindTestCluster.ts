/**
 * Real kind clusters for the pod tests: `kindNodeImageOnEngine()` finds the offline node image that
 * test/kind-node/build.sh (branch kind-node) leaves on the engine as berth-kind-node:<tag>;
 * `createKindCluster()` makes a uniquely named cluster from it with the real kind CLI, in its own kubeconfig
 * file, and `delete()` removes only that cluster. Each phase prints its time. (Same shape as the kind-node
 * branch's test/helpers/kindNode.ts, which builds the image itself; this one only looks for it.)
 * To iterate on a test, BERTH_KIND_REUSE=<kubeconfig> uses that cluster (its current context) instead of
 * making one, and leaves it standing.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KIND_BIN } from './kubeCluster';

const exec = promisify(execFile);
const maxBuffer = 64 * 1024 * 1024;

/** The newest berth-kind-node image on the engine (or BERTH_KIND_NODE_IMAGE), if there is one. */
export function kindNodeImageOnEngine(): string | undefined {
  if (process.env.BERTH_KIND_NODE_IMAGE) return process.env.BERTH_KIND_NODE_IMAGE;
  try {
    const out = execFileSync('docker', ['images', 'berth-kind-node', '--format', '{{.Repository}}:{{.Tag}}'], {
      encoding: 'utf8',
    });
    return (
      out
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l && !l.endsWith(':<none>')) || undefined
    );
  } catch {
    return undefined;
  }
}

export interface KindTestCluster {
  name: string;
  kubeconfig: string;
  context: string;
  /** kubectl against this cluster: the independent check, never the code under test. */
  kubectl(...args: string[]): Promise<string>;
  /** `kind load docker-image` into every node. */
  loadImages(...images: string[]): Promise<void>;
  delete(): Promise<void>;
}

const kind = async (...args: string[]): Promise<string> => {
  const { stdout } = await exec(KIND_BIN, args, { timeout: 15 * 60_000, maxBuffer });
  return stdout.trim();
};

async function phase<T>(what: string, run: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await run();
  } finally {
    console.log(`[kind] ${what}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
}

const kubectlWith =
  (kubeconfig: string, context: string) =>
  async (...args: string[]): Promise<string> => {
    const { stdout } = await exec(
      'kubectl',
      ['--kubeconfig', kubeconfig, '--context', context, '--request-timeout=30s', ...args],
      { maxBuffer },
    );
    return stdout.trim();
  };

async function existingCluster(kubeconfig: string): Promise<KindTestCluster> {
  const { stdout } = await exec('kubectl', ['--kubeconfig', kubeconfig, 'config', 'current-context']);
  const context = stdout.trim();
  const name = context.replace(/^kind-/, '');
  console.log(`[kind] reusing ${context} from ${kubeconfig}`);
  return {
    name,
    kubeconfig,
    context,
    kubectl: kubectlWith(kubeconfig, context),
    loadImages: (...images) =>
      phase(`load ${images.join(' ')}`, () => kind('load', 'docker-image', '--name', name, ...images)).then(
        () => undefined,
      ),
    delete: async () => undefined,
  };
}

export async function createKindCluster(options: {
  image: string;
  workers?: number;
  prefix?: string;
}): Promise<KindTestCluster> {
  const reuse = process.env.BERTH_KIND_REUSE;
  if (reuse) return existingCluster(reuse);
  const name = `${options.prefix ?? 'berth-pods'}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const kubeconfig = join(dir, 'kubeconfig');
  const config = join(dir, 'kind.yaml');
  const nodes = ['  - role: control-plane', ...Array.from({ length: options.workers ?? 0 }, () => '  - role: worker')];
  writeFileSync(config, ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', ...nodes, ''].join('\n'));
  const remove = async (): Promise<void> => {
    await phase(`delete ${name}`, () => kind('delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig)).catch(
      () => '',
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await phase(`create ${name} (${1 + (options.workers ?? 0)} nodes)`, () =>
      kind(
        'create',
        'cluster',
        '--name',
        name,
        '--image',
        options.image,
        '--config',
        config,
        '--kubeconfig',
        kubeconfig,
      ),
    );
  } catch (e) {
    await remove();
    throw e;
  }
  const context = `kind-${name}`;
  return {
    name,
    kubeconfig,
    context,
    kubectl: kubectlWith(kubeconfig, context),
    loadImages: (...images) =>
      phase(`load ${images.join(' ')}`, () => kind('load', 'docker-image', '--name', name, ...images)).then(
        () => undefined,
      ),
    delete: remove,
  };
}
