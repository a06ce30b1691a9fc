/**
 * Real kind clusters for tests. `kindNodeImage()` builds (or finds cached) the offline kind node image with
 * test/kind-node/build.sh and returns its name; `createKindCluster()` makes a uniquely named cluster from it with
 * the real kind CLI (~/.cache/berth-kube/bin/kind) and hands back its own kubeconfig file and context.
 * `delete()` removes only that cluster and its files; nothing else on the shared engine is touched.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KIND_BIN } from './kubeCluster';

const exec = promisify(execFile);
const maxBuffer = 64 * 1024 * 1024;

export const KIND_NODE_BUILD = join(import.meta.dirname, '..', 'kind-node', 'build.sh');

let building: Promise<string> | undefined;

/** The node image build.sh makes (cached: seconds when it exists); its name from the last line it prints. */
export function kindNodeImage(): Promise<string> {
  const build = (building ??= (async (): Promise<string> => {
    const { stdout } = await exec('bash', [KIND_NODE_BUILD], { timeout: 90 * 60_000, maxBuffer });
    const last = stdout.trim().split('\n').at(-1) ?? '';
    const image = /^node image: (\S+)$/.exec(last)?.[1];
    if (!image) throw new Error(`${KIND_NODE_BUILD} did not end with "node image: <name>": ${last}`);
    return image;
  })().catch((e: unknown) => {
    building = undefined;
    throw e;
  }));
  return build;
}

export interface KindCluster {
  name: string;
  /** A kubeconfig file holding only this cluster (kind's default ~/.kube/config is left alone). */
  kubeconfig: string;
  context: string;
  /** kubectl against this cluster (the independent check, never the code under test). */
  kubectl(...args: string[]): Promise<string>;
  /** `kind load docker-image`: copies images from the engine into every node. */
  loadImages(...images: string[]): Promise<void>;
  /** `kind delete cluster` for this cluster only, and its files. */
  delete(): Promise<void>;
}

export interface KindClusterOptions {
  /** Node image; defaults to kindNodeImage(). */
  image?: string;
  /** Worker nodes beside the control plane. */
  workers?: number;
  /** Prefix of the cluster name (a random suffix makes it unique). */
  prefix?: string;
}

const kind = async (...args: string[]): Promise<string> => {
  const { stdout } = await exec(KIND_BIN, args, { timeout: 15 * 60_000, maxBuffer });
  return stdout.trim();
};

export async function createKindCluster(options: KindClusterOptions = {}): Promise<KindCluster> {
  const image = options.image ?? (await kindNodeImage());
  const name = `${options.prefix ?? 'berth-t'}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const kubeconfig = join(dir, 'kubeconfig');
  const config = join(dir, 'kind.yaml');
  const nodes = ['  - role: control-plane', ...Array.from({ length: options.workers ?? 0 }, () => '  - role: worker')];
  writeFileSync(config, ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', ...nodes, ''].join('\n'));

  const remove = async (): Promise<void> => {
    await kind('delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig).catch(() => '');
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await kind('create', 'cluster', '--name', name, '--image', image, '--config', config, '--kubeconfig', kubeconfig);
  } catch (e) {
    await remove();
    throw e;
  }
  const context = `kind-${name}`;
  return {
    name,
    kubeconfig,
    context,
    kubectl: async (...args) => {
      const { stdout } = await exec(
        'kubectl',
        ['--kubeconfig', kubeconfig, '--context', context, '--request-timeout=30s', ...args],
        { maxBuffer },
      );
      return stdout.trim();
    },
    loadImages: async (...images) => {
      await kind('load', 'docker-image', '--name', name, ...images);
    },
    delete: remove,
  };
}
