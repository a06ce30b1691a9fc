/** Turns anything thrown in main into an ApiError a user can act on. */
import { ApiError } from '../../contract/errors';

interface ErrnoLike {
  code?: string;
  errno?: number;
  address?: string;
  syscall?: string;
}
interface DockerModemError {
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | null;
  message?: string;
}

export const ENGINE_HINT =
  'Start the Docker engine (Docker Desktop, `sudo systemctl start docker`, or `colima start`), or point Berth at it in Settings.';

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Error && error.name === 'AbortError') return new ApiError('cancelled', 'Cancelled.');
  const errno = error as ErrnoLike;
  if (errno && typeof errno === 'object' && typeof errno.code === 'string') {
    if (['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE'].includes(errno.code) && errno.syscall === 'connect') {
      return new ApiError(
        'engine_unreachable',
        `Docker engine not reachable at ${errno.address ?? 'its socket'} (${errno.code}).`,
        ENGINE_HINT,
      );
    }
    if (errno.code === 'EACCES' && errno.syscall === 'connect') {
      return new ApiError(
        'engine_unreachable',
        `Permission denied on the Docker socket ${errno.address ?? ''}.`,
        'Add your user to the `docker` group (`sudo usermod -aG docker $USER`, then log in again).',
      );
    }
  }
  const modem = error as DockerModemError;
  if (modem && typeof modem === 'object' && typeof modem.statusCode === 'number') {
    const message = dockerMessage(modem);
    switch (modem.statusCode) {
      case 304:
        return new ApiError('conflict', message || 'Nothing to do: it is already in that state.');
      case 400:
        return new ApiError('invalid_input', message);
      case 401:
        return new ApiError('failed', message, 'Log in to the registry (docker login) and try again.');
      case 403:
        return new ApiError('failed', message);
      case 404:
        return new ApiError('not_found', message);
      case 409:
        return new ApiError('conflict', message);
      default:
        return new ApiError('failed', message);
    }
  }
  if (error instanceof Error) return new ApiError('internal', error.message);
  return new ApiError('internal', String(error));
}

function dockerMessage(e: DockerModemError): string {
  const fromJson = e.json && typeof e.json === 'object' ? e.json.message : undefined;
  const raw = fromJson ?? e.reason ?? e.message ?? 'The Docker engine refused the request.';
  // docker-modem prefixes "(HTTP code 409) unexpected - "; the engine's own words are what matter.
  return String(raw)
    .replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '')
    .trim();
}
