/** Says clearly why a pull or push failed: no network, no such image, no access. */
import { ApiError } from '../../../contract/errors';
import { toApiError } from '../../common/toApiError';
import { registryLabel, type ImageReference } from './imageReference';
import { StreamError } from './jsonMessageStream';

const NETWORK =
  /dial tcp|no such host|lookup .* on|i\/o timeout|connection refused|network is unreachable|TLS handshake|Client\.Timeout|context deadline exceeded|server misbehaving|temporary failure in name resolution/i;
const NOT_FOUND = /manifest unknown|not found|does not exist|repository name not known|no such image/i;
const DENIED =
  /unauthorized|denied|authentication required|forbidden|incorrect username or password|no basic auth credentials/i;
const HTTP_TO_HTTPS = /server gave HTTP response to HTTPS client/i;

/** The engine's own words: docker-modem keeps them in `json.message` or after its "(HTTP code N) reason - ". */
function engineText(error: unknown): string {
  if (error instanceof StreamError) return error.message;
  const e = error as { json?: { message?: string } | null; message?: unknown };
  if (e && typeof e === 'object') {
    if (e.json && typeof e.json.message === 'string') return e.json.message;
    if (typeof e.message === 'string' && /^\(HTTP code \d+\)/.test(e.message)) {
      return e.message.replace(/^\(HTTP code \d+\)[^-]*-\s*/, '').trim();
    }
  }
  return toApiError(error).message;
}

export function registryError(op: 'pull' | 'push', ref: ImageReference, error: unknown): ApiError {
  const base = engineText(error);
  if (!(error instanceof StreamError)) {
    const api = toApiError(error);
    if (api.code === 'cancelled' || api.code === 'engine_unreachable') return api;
  }
  const where = registryLabel(ref);
  const verb = op === 'pull' ? 'pull' : 'push';
  if (HTTP_TO_HTTPS.test(base)) {
    return new ApiError(
      'failed',
      `Cannot ${verb} ${ref.full}: ${where} speaks plain HTTP and the engine expects HTTPS.`,
      `Add "${ref.domain}" to "insecure-registries" in the engine's daemon.json and restart it.`,
      { engine: base },
    );
  }
  if (NETWORK.test(base)) {
    return new ApiError(
      'failed',
      `Cannot reach ${where} to ${verb} ${ref.full}: ${base}`,
      'The Docker engine needs network access to the registry. Check the connection, a proxy or the registry address.',
      { engine: base },
    );
  }
  if (DENIED.test(base)) {
    return new ApiError(
      'failed',
      `${where} refused access to ${ref.full}: ${base}`,
      `Log in under Settings › Registries (or \`docker login ${ref.domain === 'docker.io' ? '' : ref.domain}\`), or check the name and your access.`.replace(
        ' `)',
        '`)',
      ),
      { engine: base },
    );
  }
  if (op === 'pull' && NOT_FOUND.test(base)) {
    return new ApiError('not_found', `${ref.full} was not found on ${where}: ${base}`, 'Check the name and the tag.', {
      engine: base,
    });
  }
  return new ApiError('failed', `Could not ${verb} ${ref.full}: ${base}`, undefined, { engine: base });
}
