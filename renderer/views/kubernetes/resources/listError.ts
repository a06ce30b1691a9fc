/**
 * What the resource table says when its list fails: a kind the user may not list (HTTP 403) is one plain
 * line saying so and what to do, not the API server's error; any other failure is its message and hint.
 */
import type { ApiErrorShape } from '../../../../contract/apiError';
import { errorLine, isForbidden } from '../../../common/apiError';

export function listErrorLine(
  kind: { title: string; namespaced: boolean },
  namespace: string,
  error: ApiErrorShape,
): { forbidden: boolean; text: string } {
  if (!isForbidden(error)) return { forbidden: false, text: errorLine(error) };
  const where = !kind.namespaced ? '' : namespace ? ` in namespace ${namespace}` : ' across all namespaces';
  const what = kind.namespaced && !namespace ? 'pick a namespace you may read, or ask' : 'ask';
  return {
    forbidden: true,
    text: `Your account may not list ${kind.title}${where} — ${what} a cluster admin for the RBAC permission.`,
  };
}
