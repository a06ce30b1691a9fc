/** Image listing, kept live from image and container events. */
import type Docker from 'dockerode';
import type { ImageSummary } from '../../contract/images';
import type { EngineConnection } from './connection';
import { LiveCollection } from './liveCollection';

export function toImageSummary(i: Docker.ImageInfo, usedBy: Map<string, number>): ImageSummary {
  const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  return {
    id: i.Id,
    repoTags: tags,
    repoDigests: (i.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    size: i.Size,
    created: i.Created,
    containers: usedBy.get(i.Id) ?? 0,
    dangling: tags.length === 0,
    labels: i.Labels ?? {},
  };
}

export async function listImages(docker: Docker): Promise<ImageSummary[]> {
  const [images, containers] = await Promise.all([
    docker.listImages({ all: false }),
    docker.listContainers({ all: true }),
  ]);
  const usedBy = new Map<string, number>();
  for (const c of containers) usedBy.set(c.ImageID, (usedBy.get(c.ImageID) ?? 0) + 1);
  return images.map((i) => toImageSummary(i, usedBy));
}

export function imageCollection(engine: EngineConnection): LiveCollection<ImageSummary> {
  return new LiveCollection(engine, {
    list: () => listImages(engine.docker),
    idOf: (i) => i.id,
    affected: (e) =>
      e.Type === 'image' || (e.Type === 'container' && (e.Action === 'create' || e.Action === 'destroy'))
        ? 'all'
        : undefined,
    coalesceMs: 100,
  });
}
