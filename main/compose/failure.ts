/** Turns a compose run that failed into an ApiError in the CLI's own words, with a hint when we know one. */
import { ApiError } from '../../contract/errors';
import { ENGINE_HINT } from '../common/toApiError';

const SUMMARY = /^(ERROR:\s*)?Encountered errors while bringing up the project\.?$/i;
/** Compose v1 and v2+ saying the engine is not there (v1: "Couldn't connect to Docker daemon at …"). */
const NO_ENGINE =
  /Cannot connect to the Docker daemon|Couldn't connect to Docker daemon|Is the docker daemon running|error during connect/i;
const ERROR_LINE = /^(ERROR:|Error\b|error\b|.*\bError response from daemon:)/;
/** docker-compose v1 (docker-py) reaches an ssh:// engine only with paramiko, which Debian's packages do not pull in. */
const NO_PARAMIKO = /Install paramiko package to enable ssh:\/\/ support/;
/**
 * docker-compose v1 (docker-py) given DOCKER_CERT_PATH (dockerCliEnv.ts: a TLS engine) always builds a client
 * certificate from its cert.pem and key.pem, and refuses to start when they are not there (a context with
 * only the CA, or no TLS files), telling the user to run docker-machine.
 */
const V1_TLS_INVALID = /TLS configuration is invalid/;

/** The line(s) that say what went wrong, without compose's decorations. */
export function failureMessage(tail: string[]): string {
  const errors = tail
    .map((l) => l.trim())
    .filter((l) => (ERROR_LINE.test(l) || NO_ENGINE.test(l)) && !SUMMARY.test(l))
    .map((l) =>
      l
        .replace(/^ERROR:\s*/, '')
        .replace(/^for \S+\s+/, '')
        .trim(),
    )
    .filter(Boolean);
  if (errors.length) return errors[errors.length - 1] as string;
  const lines = tail.map((l) => l.trim()).filter((l) => l && !SUMMARY.test(l));
  return lines.slice(-6).join('\n') || 'The compose command failed without saying why.';
}

export function composeFailure(what: string, tail: string[], code: number | null): ApiError {
  const message = failureMessage(tail);
  const details = { exitCode: code, output: tail.slice(-40) };
  if (tail.some((l) => NO_PARAMIKO.test(l))) {
    // Its Python traceback says nothing a user can act on.
    return new ApiError(
      'tool_missing',
      `${what}: docker-compose v1 cannot reach an ssh:// engine without the Python package paramiko.`,
      'Install it (`apt install python3-paramiko`, or `pip install paramiko`), or use the Compose plugin (`docker compose`), which runs your own ssh.',
      details,
    );
  }
  if (tail.some((l) => V1_TLS_INVALID.test(l))) {
    // Its own advice (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, docker-machine) is not what is wrong.
    return new ApiError(
      'failed',
      `${what}: docker-compose v1 needs a client certificate (cert.pem and key.pem) in the context's TLS files to reach a TLS engine.`,
      'Use the Compose plugin (`docker compose`, v2 or later), which needs none, or add the client certificate to the docker context.',
      details,
    );
  }
  if (/address already in use|port is already allocated/i.test(message)) {
    return new ApiError(
      'conflict',
      `${what}: ${message}`,
      'Another program already uses that host port: stop it, or change the published port in the compose file.',
      details,
    );
  }
  if (NO_ENGINE.test(message)) {
    return new ApiError('engine_unreachable', `${what}: ${message}`, ENGINE_HINT, details);
  }
  if (/pull access denied|manifest unknown|repository does not exist|not found: manifest/i.test(message)) {
    return new ApiError(
      'failed',
      `${what}: ${message}`,
      'Check the image name and tag, and log in to the registry if it is private.',
      details,
    );
  }
  return new ApiError('failed', `${what}: ${message}`, undefined, details);
}
