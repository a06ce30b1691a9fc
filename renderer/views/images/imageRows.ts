/** Table rows for images: one per tag, like `docker images`; an untagged image is one <none> row. */
import type { ImageSummary } from '../../../contract/images';
import { matchesSearch, normalizeQuery, type RowSearch } from '../../components/incrementalFilter';

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

const rowCache = new WeakMap<ImageSummary, Map<string, ImageRow>>();

/**
 * The rows of one image; an unchanged image with an unchanged container count keeps its row objects, so a
 * container event repaints only the rows whose count changed.
 */
function rowsOf(image: ImageSummary, containers: number): ImageRow[] {
  let cache = rowCache.get(image);
  if (!cache) {
    cache = new Map();
    rowCache.set(image, cache);
  }
  const make = (ref: string, repository: string, tag: string, key: string): ImageRow => {
    let row = cache.get(key);
    if (row?.containers !== containers) {
      row = { key, repository, tag, ref, image, containers };
      cache.set(key, row);
    }
    return row;
  };
  if (!image.repoTags.length) return [make(image.id, '<none>', '<none>', image.id)];
  return image.repoTags.map((t) => {
    const i = t.lastIndexOf(':');
    return make(t, t.slice(0, i), t.slice(i + 1), `${image.id}|${t}`);
  });
}

export function toRows(images: Iterable<ImageSummary>, usage: ReadonlyMap<string, number>): ImageRow[] {
  return [...images].flatMap((image) => rowsOf(image, usage.get(image.id) ?? 0));
}

export type UsageFilter = 'all' | 'used' | 'unused' | 'dangling';

export function filterRows(rows: ImageRow[], text: string, usage: UsageFilter): ImageRow[] {
  const keep = usageMatcher(usage);
  const needle = normalizeQuery(text);
  return rows.filter((r) => keep(r) && imageRowMatches(r, needle));
}

/** The usage part of the filter (the select beside the filter box). */
export function usageMatcher(usage: UsageFilter): (r: ImageRow) => boolean {
  switch (usage) {
    case 'used':
      return (r) => r.containers > 0;
    case 'unused':
      return (r) => r.containers === 0;
    case 'dangling':
      return (r) => r.image.dangling;
    default:
      return () => true;
  }
}

/** A row's text to search, lower-cased, and its image id without the `sha256:` prefix: derived once per row. */
interface Haystack {
  text: string;
  id: string;
}

const haystacks = new WeakMap<ImageRow, Haystack>();

function haystackOf(r: ImageRow): Haystack {
  let h = haystacks.get(r);
  if (h === undefined) {
    h = { text: `${r.repository}:${r.tag}`.toLowerCase(), id: r.image.id.replace(/^sha256:/, '') };
    haystacks.set(r, h);
  }
  return h;
}

/** The filter box's part: `repository:tag` containing the needle, or the id (without `sha256:`) starting with it. */
export const imageSearch: RowSearch<ImageRow> = { text: (r) => haystackOf(r).text, id: (r) => haystackOf(r).id };

/** One row against a needle (trimmed, lower-cased). */
export const imageRowMatches = (r: ImageRow, needle: string): boolean => matchesSearch(imageSearch, r, needle);

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
