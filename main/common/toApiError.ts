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

/** Node's and OpenSSL's codes for a failed TLS handshake or certificate check. */
const TLS_CODES = /CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME_MISMATCH|ALTNAME/;
const TLS_FAILURE_HINT =
  "Check the engine's TLS files (ca.pem to verify it; cert.pem and key.pem for Berth, if it asks for a client certificate): DOCKER_CERT_PATH or the docker context's. Berth never falls back to plain http.";

/** What a TLS failure means for the user, by its code. */
function tlsFailure(code: string, message: string): string {
  if (/ALERT_(BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|UNKNOWN_CA)/.test(code)) {
    return `The engine refused Berth's TLS connection: it asks for a client certificate that Berth does not have or that it does not accept (${code}).`;
  }
  if (/UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|SELF_SIGNED|CERT_UNTRUSTED/.test(code)) {
    return `The engine's TLS certificate is not signed by the CA Berth was given (ca.pem), so Berth does not trust it (${code}).`;
  }
  if (/ALTNAME|HOSTNAME/.test(code))
    return `The engine's TLS certificate is not for this address (${code}): ${message}.`;
  if (/EXPIRED|NOT_YET_VALID/.test(code)) return `A TLS certificate has expired or is not valid yet (${code}).`;
  if (code === 'EPROTO' || /WRONG_VERSION_NUMBER/.test(code)) {
    return `The engine did not answer in TLS (${code}): it may serve plain http on this port.`;
  }
  return `The TLS connection to the Docker engine failed (${code}): ${message}.`;
}

/** An answer (a call's, or a stream's such as a followed log) the connection's close cut short. */
export const cutAnswer = (): ApiError =>
  new ApiError(
    'engine_unreachable',
    'The Docker engine closed the connection in the middle of its answer.',
    'Try again. If it keeps happening, check the engine (its log) and the link to it (proxy, VPN, ssh tunnel).',
  );

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
    if (['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(errno.code)) {
      return new ApiError(
        'engine_unreachable',
        `Docker engine not reachable${errno.address ? ` at ${errno.address}` : ''} (${errno.code}).`,
        'Check that the host is up and reachable from here (network, VPN, firewall); Berth keeps trying.',
      );
    }
    if (TLS_CODES.test(errno.code)) {
      return new ApiError('engine_unreachable', tlsFailure(errno.code, (error as Error).message), TLS_FAILURE_HINT);
    }
    // Node's error for a response stream (a followed log, events) whose connection closed before its end.
    if (errno.code === 'ECONNRESET' && !errno.syscall && (error as Error).message === 'aborted') return cutAnswer();
    if (errno.code === 'ECONNRESET' && !errno.syscall) {
      return new ApiError(
        'engine_unreachable',
        'The Docker engine dropped the connection before answering (or did not answer in time).',
        'If the engine is remote, check the network to it; if it uses TLS, check that Berth has the client certificate it asks for.',
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
