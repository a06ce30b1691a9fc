/** How an image's size and platforms read in the table and the detail page, for both image stores. */
import type { ImageSummary } from '../../../contract/images';
import { formatBytes } from '../../common/format';

/** "3.1 MB" and, on the containerd store, what it is made of. */
export function sizeTitle(image: Pick<ImageSummary, 'size' | 'contentSize' | 'unpackedSize'>): string | undefined {
  if (image.contentSize === undefined || image.unpackedSize === undefined) return undefined;
  return `${formatBytes(image.contentSize)} content (compressed, as pulled or pushed) + ${formatBytes(image.unpackedSize)} unpacked`;
}

/** A short platform note for a row: nothing for one platform, "2 platforms" for several. */
export function platformNote(image: Pick<ImageSummary, 'platforms'>): { text: string; title: string } | undefined {
  const platforms = image.platforms ?? [];
  if (platforms.length < 2) return undefined;
  return { text: `${platforms.length} platforms`, title: platforms.join(', ') };
}
