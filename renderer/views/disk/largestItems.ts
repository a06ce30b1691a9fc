/** The largest items of one kind from a disk usage answer, named for a list, with what keeps them. */
import type { DiskUsage, DiskUsageKind } from '../../../contract/diskUsage';
import { shortId } from '../../common/format';

export interface UsageItem {
  id: string;
  name: string;
  size: number;
  /** Why it stays: in use, shared. */
  note?: string;
}

const LIMIT = 20;

export function largestItems(usage: DiskUsage, kind: DiskUsageKind): UsageItem[] {
  const items: UsageItem[] = (() => {
    switch (kind) {
      case 'images':
        return usage.images.map((i) => ({
          id: i.id,
          name: i.repoTags.join(', ') || shortId(i.id),
          size: i.size,
          note: i.containers ? `${i.containers} container${i.containers === 1 ? '' : 's'}` : undefined,
        }));
      case 'containers':
        return usage.containers.map((c) => ({ id: c.id, name: c.name, size: c.sizeRw, note: c.state }));
      case 'volumes':
        return usage.volumes.map((v) => ({
          id: v.name,
          name: v.anonymous ? `${shortId(v.name)} (anonymous)` : v.name,
          size: v.size,
          note: v.refCount ? 'in use' : undefined,
        }));
      case 'buildCache':
        return usage.buildCache.map((b) => ({
          id: b.id,
          name: b.description || b.type,
          size: b.size,
          note: b.inUse ? 'in use' : b.shared ? 'shared with an image' : undefined,
        }));
    }
  })();
  return items.sort((a, b) => b.size - a.size).slice(0, LIMIT);
}
