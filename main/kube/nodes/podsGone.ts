/**
 * Waits for pods to be gone from a node, through one watch of the node's pods (the eviction only starts a
 * pod's graceful deletion). A watch that ends is resumed from its last resourceVersion, or after a fresh
 * list when the server says that version is too old.
 */
import type { KubeClients } from '../clients';
import { k8s } from '../k8s';
import { kubeJson } from '../objectRest';

interface PodMeta {
  metadata?: { uid?: string; resourceVersion?: string };
}

export class PodsGone {
  private readonly waiting = new Map<string, () => void>();
  private present = new Set<string>();
  private resourceVersion = '';
  private abort?: AbortController;
  private closed = false;

  constructor(
    private readonly c: KubeClients,
    private readonly node: string,
  ) {}

  private get path() {
    return `/api/v1/pods`;
  }

  private get selector() {
    return `spec.nodeName=${this.node}`;
  }

  async start(): Promise<void> {
    await this.relist();
    await this.watch();
  }

  private async relist(): Promise<void> {
    const list = await kubeJson<{ metadata?: { resourceVersion?: string }; items?: PodMeta[] }>(
      this.c,
      'GET',
      this.path,
      { query: { fieldSelector: this.selector } },
    );
    this.present = new Set((list.items ?? []).map((p) => p.metadata?.uid ?? ''));
    this.resourceVersion = list.metadata?.resourceVersion ?? '';
    for (const [uid, resolve] of this.waiting) {
      if (this.present.has(uid)) continue;
      this.waiting.delete(uid);
      resolve();
    }
  }

  private async watch(): Promise<void> {
    if (this.closed) return;
    const { Watch } = await k8s();
    this.abort = await new Watch(this.c.config).watch(
      this.path,
      { fieldSelector: this.selector, resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
      (phase, obj: PodMeta & { code?: number }) => {
        if (phase === 'ERROR') {
          if (obj.code === 410) this.resourceVersion = '';
          return;
        }
        if (obj.metadata?.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
        const uid = obj.metadata?.uid;
        if (!uid) return;
        if (phase === 'DELETED') {
          this.present.delete(uid);
          const resolve = this.waiting.get(uid);
          this.waiting.delete(uid);
          resolve?.();
        } else if (phase === 'ADDED') this.present.add(uid);
      },
      () => {
        if (this.closed) return;
        const resume = this.resourceVersion ? Promise.resolve() : this.relist();
        // A failed re-list (the API server restarting) is tried again after a pause.
        resume.then(
          () => this.watch(),
          () => setTimeout(() => void this.watch().catch(() => undefined), 2000),
        );
      },
    );
  }

  /** Resolves once the pod of this uid is no longer on the node. */
  gone(uid: string): Promise<void> {
    if (!this.present.has(uid)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(uid, resolve));
  }

  close(): void {
    this.closed = true;
    this.abort?.abort();
  }
}
