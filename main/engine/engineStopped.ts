/**
 * Tells "the engine stopped under this operation" apart from the operation's own failure. When dockerd shuts
 * down it kills what it runs, so a build step ends with code 137 and the engine's last words blame the
 * Dockerfile; asking the engine whether it is still there gives the user the true cause instead.
 */
import type Docker from 'dockerode';
import { ApiError } from '../../contract/errors';
import { ENGINE_HINT, toApiError } from '../common/toApiError';
import { deadline } from './connection';

const PING_MS = 3_000;
/** A shutting-down engine still answers for a moment after it killed the work: ask again within a second. */
const PINGS_APART_MS = [0, 400, 600];

const answersNow = (docker: Docker): Promise<boolean> =>
  deadline(docker.ping(), 'its socket', PING_MS).then(
    () => true,
    () => false,
  );

async function answers(docker: Docker): Promise<boolean> {
  for (const wait of PINGS_APART_MS) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    if (!(await answersNow(docker))) return false;
  }
  return true;
}

/** `error` as the user should see it: engine_unreachable when the engine is gone now, else unchanged. */
export async function unlessEngineStopped(docker: Docker, error: unknown, during: string): Promise<ApiError> {
  const api = toApiError(error);
  if (api.code === 'cancelled' || api.code === 'engine_unreachable') return api;
  if (await answers(docker)) return api;
  return new ApiError(
    'engine_unreachable',
    `The Docker engine stopped during ${during}, which was interrupted.`,
    ENGINE_HINT,
    api.details,
  );
}
