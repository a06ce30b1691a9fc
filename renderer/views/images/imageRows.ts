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

/** The one rule Berth counts images by (here and in the status bar): an image is counted once, however many tags
 * it has; the table has a row per tag. Build intermediates are not images here (`docker images` hides them too). */
export const IMAGE_COUNT_RULE =
  'An image is counted once however many tags it has; the table has one row per tag. Build intermediates are not counted (as in `docker images`).';

export function imageCounts(images: Iterable<ImageSummary>): { images: number; tags: number; dangling: number } {
  let count = 0;
  let tags = 0;
  let dangling = 0;
  for (const i of images) {
    count++;
    tags += i.repoTags.length;
    if (i.dangling) dangling++;
  }
  return { images: count, tags, dangling };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 images · 3 tags · 1 dangling". */
export function imageSummary(c: { images: number; tags: number; dangling: number }): string {
  return [plural(c.images, 'image'), plural(c.tags, 'tag'), c.dangling ? `${c.dangling} dangling` : '']
    .filter(Boolean)
    .join(' · ');
}
