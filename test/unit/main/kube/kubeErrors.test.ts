/** What a user reads when a cluster does not answer: which context, where (no password), why, and what to do. */
import { describe, expect, it } from 'vitest';
import { toKubeError } from '../../../../main/kube/kubeErrors';

describe('kube errors', () => {
  it('names the context, the server without its password, and the reason; the hint fits the kind of cluster', () => {
    const refused = Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const remote = toKubeError(refused, { context: 'prod', server: 'https://ops:s3cret@prod.example:6443' });
    expect(remote).toMatchObject({
      code: 'cluster_unreachable',
      message: 'Cluster of context "prod" not reachable at https://prod.example:6443 (ECONNREFUSED).',
      hint: expect.stringContaining('reachable from this machine (network, VPN, proxy-url)'),
    });
    const kind = toKubeError(refused, { context: 'kind-dev' });
    expect(kind.hint).toContain('docker start its node containers');
    const slow = toKubeError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), {
      context: 'prod',
    });
    expect(slow).toMatchObject({ code: 'cluster_unreachable', message: expect.stringContaining('(timed out)') });
  });

  it("marks a 403 as forbidden in its details, with the API server's message", () => {
    const forbidden = Object.assign(new Error('HTTP-Code: 403'), {
      code: 403,
      headers: {},
      body: JSON.stringify({
        kind: 'Status',
        message: 'secrets is forbidden: User "dev" cannot list resource "secrets"',
      }),
    });
    expect(toKubeError(forbidden, { context: 'prod' })).toMatchObject({
      code: 'failed',
      message: expect.stringContaining('cannot list resource "secrets"'),
      details: { httpStatus: 403 },
    });
  });
});
