/**
 * Image listing, kept live from image events. How many containers use each image is not asked of the engine
 * with each list (listing every container made an image list 60x slower at 1,000 containers): the live list
 * takes it from the containers' live list (withUsers.ts), so a container created or removed updates the one
 * image it uses without an engine call, and a page showing images need not hold every container for it. The
 * few operations that must be complete (remove, the detail) ask the engine then. Where the engine knows them
 * (API 1.47+, the containerd store) each image also carries its platforms and its size split into content and
 * unpacked snapshots.
 */
import type Docker from 'dockerode';
import type { ListedContainer } from '../../common/listedContainer';
import type { ImageSummary } from '../../../contract/images';
import type { LiveList } from '../../common/sharedCollection';
import { listsManifests } from '../apiVersion';
import type { DockerEvent, EngineConnection } from '../connection';
import { liveWithUsers, usersNow } from '../withUsers';
import { manifestSizes, type ManifestSummary } from './imageManifests';

/** An `/images/json` entry as either engine sends it (29 adds `Manifests` when asked, and `Descriptor`). */
export type ImageInfo = Docker.ImageInfo & { Manifests?: ManifestSummary[] | null };

export function toImageSummary(i: ImageInfo): ImageSummary {
  const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  const summary: ImageSummary = {
    id: i.Id,
    repoTags: tags,
    repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    size: i.Size,
    created: i.Created,
    dangling: tags.length === 0,
    labels: i.Labels ?? {},
  };
  const sizes = manifestSizes(i.Manifests);
  return sizes ? { ...summary, ...sizes } : summary;
}

/** `manifests`: ask for each image's platform manifests (only engines with API 1.47+ know the parameter). */
export async function listImages(docker: Docker, manifests = false): Promise<ImageSummary[]> {
  const opts = manifests ? { all: false, manifests: true } : { all: false };
  return ((await docker.listImages(opts)) as ImageInfo[]).map(toImageSummary);
}

/** What a container uses, by image id. */
const imageOf = (c: ListedContainer) => [c.imageId];

/** Which containers (any state) use each image as the engine has it now: for answers that must be complete. */
export const imageUsers = (docker: Docker) => usersNow(docker, imageOf);

/**
 * Any image event re-lists (tag, untag, delete, pull, load; Engine 29 adds create and push, and names
 * the image by digest only): an image's id is not enough to know what changed in the list.
 */
export const imageChanged = (e: DockerEvent): boolean => e.Type === 'image';

/** The engine's images, each with how many containers use it once the containers are listed. */
export function imageCollection(
  engine: EngineConnection,
  containers: LiveList<ListedContainer>,
): LiveList<ImageSummary> {
  return liveWithUsers(engine, containers, {
    list: () => listImages(engine.docker, listsManifests(engine)),
    changed: imageChanged,
    idOf: (i) => i.id,
    keysOf: (i) => [i.id],
    usesOf: imageOf,
    withUsers: (i, users) => (users ? { ...i, containers: users.length } : i),
  });
}
