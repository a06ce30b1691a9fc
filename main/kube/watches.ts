/** Shares one KubeWatch per (cluster, resource, namespace) between every subscriber. */
import type { StreamSink } from '../../contract/define';
import type { CollectionEvent } from '../../contract/collection';
import type { KubeTarget } from '../../contract/kube';
import { clientsFor, targetKey, type KubeClients } from './clients';
import { KubeWatch, type WatchSpec } from './kubeWatch';
import { k8s } from './k8s';
import { forgetCredential } from './auth/kubeconfigAuth';

export class KubeWatches {
  private readonly watches = new Map<string, KubeWatch<unknown>>();

  /** Streams the live list `spec` describes until the subscriber goes away. */
  async pipe<T>(
    target: KubeTarget,
    what: string,
    spec: (c: KubeClients) => WatchSpec<T>,
    sink: StreamSink<CollectionEvent<T>>,
    signal: AbortSignal,
  ): Promise<void> {
    const c = await clientsFor(target);
    const key = `${targetKey(target)}\u0000${c.server}\u0000${what}`;
    let watch = this.watches.get(key) as KubeWatch<T> | undefined;
    if (!watch) {
      const { Watch } = await k8s();
      watch = new KubeWatch<T>(spec(c), {
        watcher: new Watch(c.config),
        context: c.context,
        server: c.server,
        log: process.env.BERTH_KUBE_DEBUG ? (m) => console.error(`[kube] ${m}`) : undefined,
        onUnauthorized: () => forgetCredential(c.config.getCurrentUser()),
      });
      this.watches.set(key, watch as KubeWatch<unknown>);
    }
    const w = watch;
    const release = () => {
      if (w.subscribers === 0 && this.watches.get(key) === w) this.watches.delete(key);
    };
    let off: () => void;
    try {
      off = await w.subscribe((event) => sink.next(event));
    } catch (e) {
      release();
      throw e;
    }
    const stop = () => {
      off();
      release();
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  }

  /** The live watch for a key, for tests and diagnostics. */
  all(): KubeWatch<unknown>[] {
    return [...this.watches.values()];
  }
}
