/** Removing images and tags, and pruning with a preview: never anything a container still needs, unless forced. */
import type Docker from 'dockerode';
import { ApiError } from '../../../contract/errors';
import type { PruneMode } from '../../../contract/images';
import { toApiError } from '../../common/toApiError';
import { containersUsing } from './imageDetail';
import { imageUsers, listImages } from './imageList';
import { dfItems, readDiskUsage } from '../disk/diskUsage';

/** Removes a tag (`repo:tag`) or a whole image (id); refuses, naming them, when containers use it. */
export async function removeImage(docker: Docker, ref: string, force: boolean) {
  const info = await docker
    .getImage(ref)
    .inspect()
    .catch((e: unknown) => {
      const err = toApiError(e);
      throw err.code === 'not_found' ? new ApiError('not_found', `There is no image ${ref}.`) : err;
    });
  const tags = (info.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  const byTag = tags.includes(ref) || tags.some((t) => t === `${ref}:latest`);
  // Untagging one of several tags leaves the image (and its containers) alone.
  const deletesImage = !byTag || tags.length <= 1;
  if (deletesImage && !force) {
    const users = await containersUsing(docker, info.Id);
    if (users.length) {
      const names = users.map((u) => u.name);
      throw new ApiError(
        'conflict',
        `${ref} is used by ${users.length === 1 ? 'container' : 'containers'} ${names.join(', ')}; nothing was removed.`,
        'Remove those containers first, or remove the image with force.',
        { containers: users },
      );
    }
  }
  if (!byTag && tags.length > 1 && !force) {
    throw new ApiError(
      'conflict',
      `${ref} has ${tags.length} tags (${tags.join(', ')}); nothing was removed.`,
      'Remove the tags one by one, or remove the image with force.',
      { tags },
    );
  }
  try {
    const result = (await docker.getImage(ref).remove({ force })) as Array<{ Untagged?: string; Deleted?: string }>;
    return {
      untagged: result.flatMap((r) => (r.Untagged ? [r.Untagged] : [])),
      deleted: result.flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
    };
  } catch (e) {
    const err = toApiError(e);
    if (err.code === 'conflict' && /running container/i.test(err.message)) {
      throw new ApiError('conflict', err.message, 'Stop the container that uses it first.');
    }
    throw err;
  }
}

/** Whether `labels` satisfy every `key` / `key=value` filter. */
export const matchesLabels = (labels: Record<string, string>, filters: string[]) =>
  filters.every((f) => {
    const i = f.indexOf('=');
    return i < 0 ? f in labels : labels[f.slice(0, i)] === f.slice(i + 1);
  });

/** What `prune` would remove: unused (no container) images, only untagged ones in 'dangling' mode. */
export async function prunePreview(docker: Docker, mode: PruneMode, labels: string[]) {
  const [images, users, df] = await Promise.all([
    listImages(docker),
    imageUsers(docker),
    readDiskUsage(docker).catch(() => undefined),
  ]);
  const unique = new Map<string, number>();
  for (const i of df ? dfItems.images(df) : []) {
    const shared = i.SharedSize ?? -1;
    unique.set(i.Id, shared >= 0 ? Math.max(0, i.Size - shared) : i.Size);
  }
  const candidates = images.filter(
    (i) => !users.of([i.id]).length && (mode === 'unused' || i.dangling) && matchesLabels(i.labels, labels),
  );
  return {
    images: candidates.map((i) => ({ id: i.id, repoTags: i.repoTags, size: i.size })),
    // Layers shared with images that stay do not come back, so count each image's own bytes.
    spaceReclaimed: candidates.reduce((sum, i) => sum + (unique.get(i.id) ?? i.size), 0),
  };
}

export async function pruneImages(docker: Docker, mode: PruneMode, labels: string[]) {
  const filters: Record<string, string[]> = { dangling: [mode === 'dangling' ? 'true' : 'false'] };
  if (labels.length) filters.label = labels;
  const result = (await docker.pruneImages({ filters })) as {
    ImagesDeleted?: Array<{ Deleted?: string; Untagged?: string }> | null;
    SpaceReclaimed?: number;
  };
  return {
    deleted: (result.ImagesDeleted ?? []).flatMap((r) => (r.Deleted ? [r.Deleted] : [])),
    spaceReclaimed: result.SpaceReclaimed ?? 0,
  };
}
