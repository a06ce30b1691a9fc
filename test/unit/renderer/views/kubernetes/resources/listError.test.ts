/** A kind the user may not list is one plain line saying so; other failures keep their message and hint. */
import { describe, expect, it } from 'vitest';
import { listErrorLine } from '../../../../../../renderer/views/kubernetes/resources/listError';

const forbidden = {
  code: 'failed' as const,
  message: 'Forbidden: secrets is forbidden: User "system:serviceaccount:team:dev" cannot list resource "secrets"',
  hint: 'Your user lacks the RBAC permission for this.',
  details: { httpStatus: 403 },
};

describe('resource list errors', () => {
  it('says which kind and where the user may not list, and what to do', () => {
    const secrets = { title: 'Secrets', namespaced: true };
    expect(listErrorLine(secrets, 'team', forbidden)).toEqual({
      forbidden: true,
      text: 'Your account may not list Secrets in namespace team — ask a cluster admin for the RBAC permission.',
    });
    expect(listErrorLine(secrets, '', forbidden).text).toBe(
      'Your account may not list Secrets across all namespaces — pick a namespace you may read, or ask a cluster admin for the RBAC permission.',
    );
    expect(listErrorLine({ title: 'Nodes', namespaced: false }, 'team', forbidden).text).toBe(
      'Your account may not list Nodes — ask a cluster admin for the RBAC permission.',
    );
  });

  it('shows any other failure as its message and hint', () => {
    const failed = { code: 'failed' as const, message: 'Forbidden-looking text', hint: 'Try again.' };
    expect(listErrorLine({ title: 'Pods', namespaced: true }, 'x', failed)).toEqual({
      forbidden: false,
      text: 'Forbidden-looking text — Try again.',
    });
  });
});
