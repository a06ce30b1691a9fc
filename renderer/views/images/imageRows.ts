/** Table rows for images: one per tag, like `docker images`; an untagged image is one <none> row. */
import type { ImageSummary } from '../../../contract/images';
import { matchesSearch, normalizeQuery, oncePerRow, type RowSearch } from '../../components/incrementalFilter';

export interface ImageRow {
  key: string;
  repository: string;
  tag: string;
  /** What to act on: `repo:tag`, or the id for an untagged image. */
  ref: string;
  image: ImageSummary;
  /** How many containers (any state) use the image; undefined until main has listed the containers. */
  containers: number | undefined;
}

const rowCache = new WeakMap<ImageSummary, ImageRow[]>();

/**
 * The rows of one image; an image the live list did not replace keeps its row objects, so a container that
 * came or went repaints only the rows of the image it uses (main sends that image again with its new count).
 */
function rowsOf(image: ImageSummary): ImageRow[] {
  let rows = rowCache.get(image);
  if (rows) return rows;
  const containers = image.containers;
  const make = (ref: string, repository: string, tag: string, key: string): ImageRow => ({
    key,
    repository,
    tag,
    ref,
    image,
    containers,
  });
  rows = image.repoTags.length
    ? image.repoTags.map((t) => {
        const i = t.lastIndexOf(':');
        return make(t, t.slice(0, i), t.slice(i + 1), `${image.id}|${t}`);
      })
    : [make(image.id, '<none>', '<none>', image.id)];
  rowCache.set(image, rows);
  return rows;
}

export function toRows(images: Iterable<ImageSummary>): ImageRow[] {
  return [...images].flatMap(rowsOf);
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
    // Until the containers are counted, an image is neither.
    case 'used':
      return (r) => (r.containers ?? 0) > 0;
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

const haystackOf = oncePerRow((r: ImageRow): Haystack => ({
  text: `${r.repository}:${r.tag}`.toLowerCase(),
  id: r.image.id.replace(/^sha256:/, ''),
}));

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
