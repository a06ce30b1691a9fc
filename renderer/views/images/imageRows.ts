/** Table rows for images: one per tag, like `docker images`; an untagged image is one <none> row. */
import type { ImageSummary } from '../../../contract/images';

export interface ImageRow {
  key: string;
  repository: string;
  tag: string;
  /** What to act on: `repo:tag`, or the id for an untagged image. */
  ref: string;
  image: ImageSummary;
  /** How many containers (any state) use the image, from the live container list. */
  containers: number;
}

/** Counts containers per image id. */
export function usageOf(containers: Iterable<{ imageId: string }>): Map<string, number> {
  const usage = new Map<string, number>();
  for (const c of containers) usage.set(c.imageId, (usage.get(c.imageId) ?? 0) + 1);
  return usage;
}

export function toRows(images: Iterable<ImageSummary>, usage: ReadonlyMap<string, number>): ImageRow[] {
  return [...images].flatMap((image) => {
    const containers = usage.get(image.id) ?? 0;
    return image.repoTags.length
      ? image.repoTags.map((t) => {
          const i = t.lastIndexOf(':');
          return { key: `${image.id}|${t}`, repository: t.slice(0, i), tag: t.slice(i + 1), ref: t, image, containers };
        })
      : [{ key: image.id, repository: '<none>', tag: '<none>', ref: image.id, image, containers }];
  });
}

export type UsageFilter = 'all' | 'used' | 'unused' | 'dangling';

export function filterRows(rows: ImageRow[], text: string, usage: UsageFilter): ImageRow[] {
  return rows.filter(rowMatcher(text, usage));
}

/** The predicate behind filterRows, for a table that filters its sorted rows itself. */
export function rowMatcher(text: string, usage: UsageFilter): (r: ImageRow) => boolean {
  const needle = text.trim().toLowerCase();
  return (r) => {
    if (usage === 'used' && r.containers === 0) return false;
    if (usage === 'unused' && r.containers > 0) return false;
    if (usage === 'dangling' && !r.image.dangling) return false;
    if (!needle) return true;
    const id = r.image.id.replace(/^sha256:/, '');
    return `${r.repository}:${r.tag}`.toLowerCase().includes(needle) || id.startsWith(needle);
  };
}
