/**
 * One image in full: config, layer history and the containers that use it; on the containerd store also
 * its platform images (attestations counted, not listed) and where it came from.
 */
import type Docker from 'dockerode';
import type { ContainerRef, ImageDetail } from '../../../contract/images';
import { imageOrigin, platformImages, type ImageIdentity, type ManifestSummary } from './imageManifests';

interface InspectConfig {
  Entrypoint?: string[] | string | null;
  Cmd?: string[] | string | null;
  Env?: string[] | null;
  ExposedPorts?: Record<string, unknown> | null;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  User?: string;
  Volumes?: Record<string, unknown> | null;
}

const list = (v: string[] | string | null | undefined): string[] => (v == null ? [] : Array.isArray(v) ? v : [v]);

/** Containers (any state) created from the image with this id, by name. */
export async function containersUsing(docker: Docker, imageId: string): Promise<ContainerRef[]> {
  const all = await docker.listContainers({ all: true });
  return all
    .filter((c) => c.ImageID === imageId)
    .map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '') }));
}

/** An image inspect as either engine sends it (29: no Container/ContainerConfig/VirtualSize; Identity, Manifests). */
type InspectInfo = Docker.ImageInspectInfo & { Manifests?: ManifestSummary[] | null; Identity?: ImageIdentity | null };

/** GET /images/{name}/json?manifests=1 (dockerode's inspect sends no query parameters). */
function inspectWithManifests(docker: Docker, ref: string): Promise<InspectInfo> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `/images/${ref}/json?`,
        method: 'GET',
        options: { manifests: true },
        statusCodes: { 200: true, 404: 'no such image', 500: 'server error' },
      },
      (err, data) => (err ? reject(err) : resolve(data as InspectInfo)),
    );
  });
}

/** `manifests`: ask for the platform manifests (API 1.48+). */
export async function imageDetail(docker: Docker, ref: string, manifests = false): Promise<ImageDetail> {
  const image = docker.getImage(ref);
  const info = manifests ? await inspectWithManifests(docker, ref) : ((await image.inspect()) as InspectInfo);
  const [history, usedBy] = await Promise.all([
    image.history() as Promise<
      Array<{ Id: string; Created: number; CreatedBy: string; Size: number; Comment: string; Tags: string[] | null }>
    >,
    containersUsing(docker, info.Id),
  ]);
  const config = (info.Config ?? {}) as InspectConfig;
  return {
    id: info.Id,
    repoTags: info.RepoTags ?? [],
    repoDigests: info.RepoDigests ?? [],
    size: info.Size,
    created: info.Created,
    architecture: info.Architecture ?? '',
    os: info.Os ?? '',
    author: info.Author ?? '',
    config: {
      entrypoint: list(config.Entrypoint),
      cmd: list(config.Cmd),
      env: config.Env ?? [],
      exposedPorts: Object.keys(config.ExposedPorts ?? {}),
      labels: config.Labels ?? {},
      workingDir: config.WorkingDir ?? '',
      user: config.User ?? '',
      volumes: Object.keys(config.Volumes ?? {}),
    },
    history: history.map((h) => ({
      id: h.Id,
      created: h.Created,
      createdBy: h.CreatedBy ?? '',
      size: h.Size,
      comment: h.Comment ?? '',
      tags: h.Tags ?? [],
      empty: h.Size === 0,
    })),
    usedBy,
    ...platformImages(info.Manifests),
    ...(info.Identity ? { origin: imageOrigin(info.Identity) } : {}),
  };
}
