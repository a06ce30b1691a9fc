/** Turns what the Kubernetes client throws into an ApiError that says which cluster and what to do. */
import { ApiError } from '../../contract/errors';
import { displayUrl } from '../common/kubeconfigFiles';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface KubeErrorContext {
  context: string;
  server?: string;
}

export const unreachableHint = (ctx: KubeErrorContext): string =>
  ctx.context.startsWith('kind-')
    ? `Start the cluster of context "${ctx.context}" (docker start its node containers), or pick another context.`
    : `Check that the cluster of context "${ctx.context}" is up and reachable from this machine (network, VPN, proxy-url), or pick another context.`;

/** The first network error code in an error's cause chain, e.g. ECONNREFUSED. */
export function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 6 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  if (error instanceof Error && /fetch failed|socket hang up|other side closed/i.test(error.message))
    return 'fetch failed';
  return undefined;
}

/** The Status message the API server sent, when there is one. */
export function statusMessage(body: unknown): string | undefined {
  let b = body;
  if (typeof body === 'string') {
    try {
      b = JSON.parse(body);
    } catch {
      return body.trim() || undefined;
    }
  }
  if (b && typeof b === 'object' && typeof (b as { message?: unknown }).message === 'string') {
    return (b as { message: string }).message;
  }
  return undefined;
}

export function unreachable(ctx: KubeErrorContext, why: string): ApiError {
  return new ApiError(
    'cluster_unreachable',
    `Cluster of context "${ctx.context}" not reachable${ctx.server ? ` at ${displayUrl(ctx.server)}` : ''} (${why}).`,
    unreachableHint(ctx),
  );
}

export function toKubeError(error: unknown, ctx: KubeErrorContext): ApiError {
  if (error instanceof ApiError) return error;
  const code = httpStatus(error);
  if (code !== undefined) {
    const message = statusMessage((error as { body?: unknown }).body) ?? `The API server answered HTTP ${code}.`;
    switch (code) {
      case 400:
      case 422:
        return new ApiError('invalid_input', message);
      case 401:
        return new ApiError(
          'failed',
          `Not authorised by the cluster of "${ctx.context}": ${message}`,
          'Refresh your credentials for this context.',
        );
      case 403:
        // details.httpStatus lets the renderer tell "may not" from "failed" (a list it may not read stops retrying).
        return new ApiError('failed', `Forbidden: ${message}`, 'Your user lacks the RBAC permission for this.', {
          httpStatus: 403,
        });
      case 404:
        return new ApiError('not_found', message);
      case 409:
        return new ApiError('conflict', message);
      case 503:
        return unreachable(ctx, `HTTP 503: ${message}`);
      default:
        return new ApiError('failed', message);
    }
  }
  const net = networkCode(error);
  if (net) return unreachable(ctx, net);
  if (error instanceof Error && error.name === 'AbortError') return new ApiError('cancelled', 'Cancelled.');
  if (error instanceof Error && error.name === 'TimeoutError') return unreachable(ctx, 'timed out');
  if (error instanceof Error) return new ApiError('internal', error.message);
  return new ApiError('internal', String(error));
}

/** HTTP status of a client error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  // The client's ApiException: a numeric `code`, the response `body` and `headers`.
  const e = error as { code?: unknown; statusCode?: unknown; headers?: unknown };
  if (typeof e.code === 'number' && e.headers !== undefined) return e.code;
  return typeof e.statusCode === 'number' ? e.statusCode : undefined;
}
