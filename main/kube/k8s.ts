/**
 * Loads @kubernetes/client-node on first use. Its HTTP stack (undici 8) expects Node 22 while loading and
 * calling: zlib.createZstdDecompress, worker_threads.markAsUncloneable and Promise.withResolvers. Node 20
 * (which runs the web bridge and the tests; Electron ships Node 22) lacks them, and a static import would
 * crash main at startup. Filling those three gaps first keeps Berth working on Node 20: the apiserver never
 * answers in zstd, and nothing here sends objects between threads.
 */
import zlib from 'node:zlib';
import workerThreads from 'node:worker_threads';

type ClientNode = typeof import('@kubernetes/client-node');

let loading: Promise<ClientNode> | undefined;

interface WithResolvers {
  withResolvers?: <T>() => { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void };
}

export function fillNode20Gaps(): void {
  const z = zlib as unknown as Record<string, unknown>;
  if (typeof z.createZstdDecompress !== 'function') {
    z.createZstdDecompress = () => {
      throw new Error('zstd decompression needs Node.js 22.15 or newer');
    };
  }
  const wt = workerThreads as unknown as Record<string, unknown>;
  if (typeof wt.markAsUncloneable !== 'function') wt.markAsUncloneable = () => {};
  const P = Promise as unknown as WithResolvers;
  if (typeof P.withResolvers !== 'function') {
    P.withResolvers = <T>() => {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    };
  }
}

export function k8s(): Promise<ClientNode> {
  if (!loading) {
    fillNode20Gaps();
    loading = import('@kubernetes/client-node');
  }
  return loading;
}
