/**
 * A container as main keeps it from the engine's list: its summary (what the UI is sent) and what main alone
 * reads — its labels (compose stacks), its image's id (who uses an image), the volumes it mounts and the
 * networks it is on (who uses those). The renderer is sent the summary only: at 10,000 containers the rest
 * was half of the 4.5 MB snapshot every new page waited for, and no view read it.
 */
import type { ContainerSummary } from '../../contract/containers';

export interface ListedContainer extends ContainerSummary {
  imageId: string;
  labels: Record<string, string>;
  /** The volumes it mounts (named and anonymous), by name. */
  volumes: string[];
  /** The networks it is attached to, by name, with the network's id once the engine gave one (not before a first start). */
  networks: Array<{ name: string; id?: string }>;
}

/**
 * Each listed container's summary, made once per listed object: a new subscriber's snapshot and the events
 * between re-lists reuse it (a whole re-list makes new objects, and so new summaries).
 */
const summaries = new WeakMap<ListedContainer, ContainerSummary>();

/** What the UI is sent of a listed container. */
export function summaryOf(c: ListedContainer): ContainerSummary {
  let s = summaries.get(c);
  if (!s) {
    const { imageId: _imageId, labels: _labels, volumes: _volumes, networks: _networks, ...summary } = c;
    s = summary;
    summaries.set(c, s);
  }
  return s;
}
