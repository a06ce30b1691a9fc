/**
 * A full disk, said plainly: "no space left on device" anywhere in a failure (the engine's own words, or a
 * build step's output when the step's command hit it) becomes a `no_space` error that names the operation
 * and where to free space, so the UI can offer Disk usage's prune.
 */
import { ApiError } from '../../contract/errors';

const NO_SPACE = /no space left on device|not enough (free )?space|disk quota exceeded/i;
export const NO_SPACE_HINT =
  'Free space in Disk usage (remove unused images, stopped containers and build cache), then try again.';

export function asNoSpace(error: ApiError, during: string): ApiError {
  if (error.code === 'no_space' || error.code === 'cancelled') return error;
  const output = (error.details as { output?: unknown } | undefined)?.output;
  const said = [error.message, ...(Array.isArray(output) ? output.map(String) : [])].find((l) => NO_SPACE.test(l));
  if (!said) return error;
  return new ApiError(
    'no_space',
    `The Docker engine ran out of disk space during ${during}: ${said.trim()}`,
    NO_SPACE_HINT,
    error.details,
  );
}
