/** `containers.bulk`: one action on many containers, a few at a time, each result reported. */
import type Docker from 'dockerode';
import type { BulkAction, BulkResult } from '../../../contract/containers';
import { toApiError } from '../../common/toApiError';

const CONCURRENCY = 4;

export interface BulkRequest {
  action: BulkAction;
  ids: string[];
  force: boolean;
  volumes: boolean;
}

function act(docker: Docker, id: string, r: BulkRequest): Promise<unknown> {
  const c = docker.getContainer(id);
  switch (r.action) {
    case 'start':
      return c.start();
    case 'stop':
      return c.stop();
    case 'restart':
      return c.restart();
    case 'pause':
      return c.pause();
    case 'unpause':
      return c.unpause();
    case 'kill':
      return c.kill();
    case 'remove':
      return c.remove({ force: r.force, v: r.volumes });
  }
}

export async function bulkAction(docker: Docker, request: BulkRequest): Promise<BulkResult> {
  const results: BulkResult['results'] = new Array(request.ids.length);
  let next = 0;
  const worker = async () => {
    while (next < request.ids.length) {
      const i = next++;
      const id = request.ids[i] as string;
      try {
        await act(docker, id, request);
        results[i] = { id, ok: true };
      } catch (e) {
        const err = toApiError(e);
        // Already in the wanted state (304) is success for a bulk action.
        results[i] =
          err.code === 'conflict' && /already/i.test(err.message)
            ? { id, ok: true }
            : { id, ok: false, error: { code: err.code, message: err.message } };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, request.ids.length) }, worker));
  return { results };
}
