/** What a scale that could not reach the cluster says about the replica count. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../contract/errors';
import { scaleFailed } from '../../../../../main/kube/rollouts/scaleFailure';

const ctx = { context: 'dev', server: 'https://10.0.0.1:6443' };
const withCause = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });

describe('scaleFailed', () => {
  it('says nothing changed when the request never reached the API server', () => {
    const e = scaleFailed(withCause('ECONNREFUSED'), ctx, 'web', 5);
    expect(e.code).toBe('cluster_unreachable');
    expect(e.message).toMatch(/"dev" not reachable .*web was not scaled: it keeps its replica count\./);
    expect(e.hint).toMatch(/scale again if needed/);
  });

  it('says the outcome is not known when the request was cut or timed out after it went out', () => {
    for (const error of [withCause('ECONNRESET'), new DOMException('timed out', 'TimeoutError')]) {
      const e = scaleFailed(error, ctx, 'web', 5);
      expect(e.code).toBe('cluster_unreachable');
      expect(e.message).toMatch(/Whether web was set to 5 replicas is not known/);
    }
  });

  it('leaves any other refusal as the API server said it', () => {
    const conflict = new ApiError('conflict', 'the object has been modified');
    expect(scaleFailed(conflict, ctx, 'web', 5)).toBe(conflict);
  });
});
