/**
 * What a scale that could not reach the cluster tells the user about the replica count: a request that never
 * got to the API server (refused, no such host) changed nothing; one cut or timed out after it was sent may
 * or may not have been saved, and the user is told so instead of being left to guess.
 */
import { ApiError } from '../../../contract/errors';
import { networkCode, toKubeError, type KubeErrorContext } from '../kubeErrors';

/** Network codes that mean the request never reached the API server. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function scaleFailed(error: unknown, ctx: KubeErrorContext, name: string, replicas: number): ApiError {
  const e = toKubeError(error, ctx);
  if (e.code !== 'cluster_unreachable') return e;
  const outcome = NOT_SENT.has(networkCode(error) ?? '')
    ? `${name} was not scaled: it keeps its replica count.`
    : `Whether ${name} was set to ${replicas} replicas is not known: its list shows the cluster's own count once the cluster answers.`;
  return new ApiError(
    'cluster_unreachable',
    `${e.message} ${outcome}`,
    `${e.hint ?? ''} Then scale again if needed.`.trim(),
  );
}
