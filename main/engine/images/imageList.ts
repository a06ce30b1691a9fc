/**
 * Image listing, kept live from image events. Which containers use an image is not asked of the engine
 * here (listing every container made an image list 60x slower at 1,000 containers): the renderer joins
 * images with its live container list, and the few operations that need it in main list containers then.
 */
import type Docker from 'dockerode';
import type { ImageSummary } from '../../../contract/images';
import type { EngineConnection } from '../connection';
import { LiveCollection } from '../liveCollection';

export function toImageSummary(i: Docker.ImageInfo): ImageSummary {
  const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  return {
    id: i.Id,
    repoTags: tags,
    repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    size: i.Size,
    created: i.Created,
    dangling: tags.length === 0,
    labels: i.Labels ?? {},
  };
}

export async function listImages(docker: Docker): Promise<ImageSummary[]> {
  return (await docker.listImages({ all: false })).map(toImageSummary);
}

/** How many containers (any state) use each image id. */
export async function imageUsage(docker: Docker): Promise<Map<string, number>> {
  const usedBy = new Map<string, number>();
  for (const c of await docker.listContainers({ all: true })) usedBy.set(c.ImageID, (usedBy.get(c.ImageID) ?? 0) + 1);
  return usedBy;
}

export function imageCollection(engine: EngineConnection): LiveCollection<ImageSummary> {
  return new LiveCollection(engine, {
    list: () => listImages(engine.docker),
    idOf: (i) => i.id,
    affected: (e) => (e.Type === 'image' ? 'all' : undefined),
    coalesceMs: 100,
  });
}
