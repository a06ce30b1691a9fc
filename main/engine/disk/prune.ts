/**
 * Prune per type with a preview first, worked out from the same /system/df answer on both engines. Where
 * the engines differ, Berth says what it means instead of passing the difference on: a volume prune on 20.10
 * removes every unused volume and on 23+ only anonymous ones, so volumes are removed by name — exactly the
 * ones the user saw in the preview and confirmed, each only if still unused. Build cache without `all`
 * keeps what BuildKit keeps (records in use, shared with an image, internal or frontend ones).
 */
import type Docker from 'dockerode';
import type { z } from 'zod';
import type { PrunePreview, PruneRequest, PruneResult, PruneTarget } from '../../../contract/diskUsage';
import { ApiError } from '../../../contract/errors';
import { toApiError } from '../../common/toApiError';
import { matchesLabels, prunePreview as imagePrunePreview, pruneImages } from '../images/imageRemove';
import { dfItems, isAnonymousVolume, readDiskUsage, type DfResponse } from './diskUsage';

type Target = z.output<typeof PruneTarget>;
type Request = z.output<typeof PruneRequest>;

const STOPPED = new Set(['created', 'exited', 'dead']);
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const sum = (items: Array<{ size: number }>) => items.reduce((s, i) => s + Math.max(0, i.size), 0);

/** The candidates a prune of `target` would remove, from one df answer (pure, for the unit tests). */
export function pruneCandidates(d: DfResponse, target: Exclude<Target, { kind: 'images' }>): PrunePreview {
  switch (target.kind) {
    case 'containers': {
      const items = dfItems
        .containers(d)
        .filter((c) => STOPPED.has(c.State ?? '') && matchesLabels(c.Labels ?? {}, target.labels))
        .map((c) => ({ id: c.Id, name: (c.Names?.[0] ?? shortId(c.Id)).replace(/^\//, ''), size: c.SizeRw ?? 0 }));
      return { kind: 'containers', items, spaceReclaimed: sum(items) };
    }
    case 'volumes': {
      const items = dfItems
        .volumes(d)
        .filter((v) => (v.UsageData?.RefCount ?? 0) === 0 && (target.mode === 'all' || isAnonymousVolume(v)))
        .map((v) => ({ id: v.Name, name: v.Name, size: v.UsageData?.Size ?? -1 }));
      return { kind: 'volumes', items, spaceReclaimed: sum(items) };
    }
    case 'buildCache': {
      const candidates = dfItems
        .buildCache(d)
        .filter((c) => !c.InUse)
        .filter((c) => target.mode === 'all' || (!c.Shared && c.Type !== 'internal' && c.Type !== 'frontend'));
      const items = candidates.map((c) => ({ id: c.ID, name: c.Description || c.Type || c.ID, size: c.Size ?? 0 }));
      // A record shared with an image keeps its bytes on disk after it goes.
      const freed = candidates.filter((c) => !c.Shared).map((c) => ({ size: c.Size ?? 0 }));
      return { kind: 'buildCache', items, spaceReclaimed: sum(freed) };
    }
  }
}

export async function prunePreview(docker: Docker, target: Target): Promise<PrunePreview> {
  if (target.kind === 'images') {
    const p = await imagePrunePreview(docker, target.mode, target.labels);
    return {
      kind: 'images',
      items: p.images.map((i) => ({ id: i.id, name: i.repoTags.join(', ') || shortId(i.id), size: i.size })),
      spaceReclaimed: p.spaceReclaimed,
    };
  }
  return pruneCandidates(await readDiskUsage(docker), target);
}

export async function prune(docker: Docker, request: Request): Promise<PruneResult> {
  switch (request.kind) {
    case 'images': {
      const r = await pruneImages(docker, request.mode, request.labels);
      return { kind: 'images', removed: r.deleted, spaceReclaimed: r.spaceReclaimed, kept: [] };
    }
    case 'containers': {
      const filters = request.labels.length ? { label: request.labels } : {};
      const r = (await docker.pruneContainers({ filters })) as {
        ContainersDeleted?: string[] | null;
        SpaceReclaimed?: number;
      };
      return {
        kind: 'containers',
        removed: r.ContainersDeleted ?? [],
        spaceReclaimed: r.SpaceReclaimed ?? 0,
        kept: [],
      };
    }
    case 'buildCache': {
      const r = await pruneBuildCache(docker, request.mode === 'all');
      return { kind: 'buildCache', removed: r.CachesDeleted ?? [], spaceReclaimed: r.SpaceReclaimed ?? 0, kept: [] };
    }
    case 'volumes':
      return pruneVolumes(docker, request.names);
  }
}

/** Removes the named volumes that are still unused; a volume a container took meanwhile is kept. */
async function pruneVolumes(docker: Docker, names: string[]): Promise<PruneResult> {
  const sizes = new Map(dfItems.volumes(await readDiskUsage(docker)).map((v) => [v.Name, v.UsageData?.Size ?? 0]));
  const removed: string[] = [];
  const kept: string[] = [];
  let freed = 0;
  for (const name of new Set(names)) {
    try {
      await docker.getVolume(name).remove();
      removed.push(name);
      freed += Math.max(0, sizes.get(name) ?? 0);
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'not_found') continue; // already gone: nothing to do
      if (err.code === 'conflict') kept.push(name);
      else throw err;
    }
  }
  if (removed.length === 0 && kept.length > 0) {
    throw new ApiError(
      'conflict',
      `Nothing was removed: ${kept.join(', ')} ${kept.length === 1 ? 'is' : 'are'} in use now.`,
      'Look at the preview again.',
    );
  }
  return { kind: 'volumes', removed, spaceReclaimed: freed, kept };
}

/** POST /build/prune (dockerode's pruneBuilder sends no parameters, so `all` goes through the modem). */
function pruneBuildCache(
  docker: Docker,
  all: boolean,
): Promise<{ CachesDeleted?: string[] | null; SpaceReclaimed?: number }> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: '/build/prune?',
        method: 'POST',
        options: all ? { all: true } : {},
        statusCodes: { 200: true, 500: 'server error' },
      },
      (err, data) =>
        err ? reject(err) : resolve((data ?? {}) as { CachesDeleted?: string[]; SpaceReclaimed?: number }),
    );
  });
}
