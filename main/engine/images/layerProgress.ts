/**
 * Turns the engine's pull/push progress messages (one JSON object per line, one per layer update) into
 * per-layer task steps and one overall fraction. Pure: fed messages, it answers what to show.
 */
import type { TaskStep } from '../../../contract/tasks';

/** One line of /images/create or /images/{name}/push output. */
export interface ProgressMessage {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

interface Layer {
  id: string;
  status: string;
  /** Bytes of the transfer phase (download or upload). */
  current: number;
  total: number;
  /** 0..1 of the extract phase (pull only). */
  extract: number;
  done: boolean;
}

const DONE = /^(pull complete|already exists|pushed|layer already exists|mounted from)/i;
const TRANSFER = /^(downloading|pushing)/i;
const TRANSFER_DONE = /^(download complete|verifying checksum)/i;
const EXTRACT = /^extracting/i;
const LAYER_START = /^(pulling fs layer|waiting|preparing|retrying)/i;

/** Share of a layer's fraction that is the transfer; extraction is the rest (pull only). */
const TRANSFER_WEIGHT = 0.8;

export class LayerProgress {
  private readonly layers = new Map<string, Layer>();
  /** The highest overall fraction reported so far: a layer the engine names late must not move it back. */
  private reported = 0;
  /** The latest message not about one layer ("Pulling from …", "Digest: …", "Status: …"). */
  message = '';
  digest: string | undefined;

  constructor(private readonly kind: 'pull' | 'push') {}

  /** Applies one message; returns the step it changed, if any. Throws nothing: errors are read by the caller. */
  apply(m: ProgressMessage): TaskStep | undefined {
    if (m.aux?.Digest) this.digest = m.aux.Digest;
    const status = m.status ?? '';
    // Pull: "Digest: sha256:…"; push: "v1: digest: sha256:… size: 527" (the aux message is gone on Engine 29).
    const digest = /^Digest: (\S+)/.exec(status) ?? /^\S+: digest: (sha256:[0-9a-f]+)/.exec(status);
    if (digest) this.digest = digest[1];
    if (!m.id || !isLayerStatus(status)) {
      if (status) this.message = m.id && !isLayerStatus(status) ? `${m.id}: ${status}` : status;
      return undefined;
    }
    const layer = this.layers.get(m.id) ?? { id: m.id, status, current: 0, total: 0, extract: 0, done: false };
    this.layers.set(m.id, layer);
    layer.status = status;
    if (DONE.test(status)) {
      layer.done = true;
    } else if (TRANSFER.test(status)) {
      layer.current = m.progressDetail?.current ?? layer.current;
      layer.total = m.progressDetail?.total ?? layer.total;
    } else if (TRANSFER_DONE.test(status)) {
      layer.current = layer.total = Math.max(layer.total, layer.current, 1);
    } else if (EXTRACT.test(status)) {
      layer.current = layer.total = Math.max(layer.total, layer.current, 1);
      const { current, total } = m.progressDetail ?? {};
      if (current !== undefined && total) layer.extract = Math.min(1, current / total);
    }
    return this.stepOf(layer);
  }

  /**
   * The overall 0..1, weighted by layer size when sizes are known; null before any layer shows up. It never
   * goes back: the containerd image store (Engine 29) names some layers only once others are under way.
   */
  get fraction(): number | null {
    const layers = [...this.layers.values()];
    if (layers.length === 0) return null;
    const known = layers.filter((l) => l.total > 1);
    const mean = known.length ? known.reduce((s, l) => s + l.total, 0) / known.length : 1;
    let weight = 0;
    let done = 0;
    for (const l of layers) {
      const w = l.total > 1 ? l.total : mean;
      weight += w;
      done += w * this.layerFraction(l);
    }
    if (!weight) return null;
    this.reported = Math.max(this.reported, done / weight);
    return this.reported;
  }

  /**
   * Marks every layer done once the engine says the whole transfer succeeded: with the containerd image
   * store (Engine 29) blobs end at "Download complete" without a "Pull complete", yet they are in place.
   */
  finish(): TaskStep[] {
    for (const l of this.layers.values()) l.done = true;
    return this.steps;
  }

  get steps(): TaskStep[] {
    return [...this.layers.values()].map((l) => this.stepOf(l));
  }

  private layerFraction(l: Layer): number {
    if (l.done) return 1;
    const transfer = l.total > 0 ? Math.min(1, l.current / l.total) : 0;
    if (this.kind === 'push') return transfer;
    return transfer * TRANSFER_WEIGHT + l.extract * (1 - TRANSFER_WEIGHT);
  }

  private stepOf(l: Layer): TaskStep {
    const bytes = l.total > 1 && TRANSFER.test(l.status) ? ` ${formatBytes(l.current)} / ${formatBytes(l.total)}` : '';
    return {
      id: l.id,
      label: l.id,
      status: `${l.status}${bytes}`,
      fraction: this.layerFraction(l),
    };
  }
}

function isLayerStatus(status: string): boolean {
  return (
    DONE.test(status) ||
    TRANSFER.test(status) ||
    TRANSFER_DONE.test(status) ||
    EXTRACT.test(status) ||
    LAYER_START.test(status)
  );
}

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}
