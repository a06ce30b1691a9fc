/**
 * What the user may do, asked of the API server itself: one SelfSubjectAccessReview per check (in
 * parallel), and SelfSubjectRulesReview for a namespace's whole list. A "no" carries a one-line reason
 * the actions menu shows on the disabled action.
 */
import type { AccessAnswer, AccessCheck, AccessRules } from '../../../contract/kubeActions';
import type { KubeClients } from '../clients';
import { kubeJson } from '../objectRest';

const REVIEWS = '/apis/authorization.k8s.io/v1';

interface ReviewStatus {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

/** "You may not patch deployments/scale in shop." — what a disabled action says. */
export function notAllowedLine(check: AccessCheck): string {
  const what = `${check.resource}${check.subresource ? `/${check.subresource}` : ''}`;
  return `You may not ${check.verb} ${what}${check.namespace ? ` in ${check.namespace}` : ' (cluster-wide)'}.`;
}

export async function accessReview(c: KubeClients, checks: AccessCheck[]): Promise<AccessAnswer[]> {
  return Promise.all(
    checks.map(async (check) => {
      const out = await kubeJson<ReviewStatus>(c, 'POST', `${REVIEWS}/selfsubjectaccessreviews`, {
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              verb: check.verb,
              group: check.group,
              resource: check.resource,
              ...(check.subresource ? { subresource: check.subresource } : {}),
              ...(check.namespace ? { namespace: check.namespace } : {}),
              ...(check.name ? { name: check.name } : {}),
            },
          },
        },
      });
      const allowed = out.status?.allowed === true;
      return allowed
        ? { ...check, allowed }
        : { ...check, allowed, reason: out.status?.reason || notAllowedLine(check) };
    }),
  );
}

export async function accessRules(c: KubeClients, namespace: string): Promise<AccessRules> {
  const out = await kubeJson<{
    status?: {
      resourceRules?: { verbs?: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
      incomplete?: boolean;
    };
  }>(c, 'POST', `${REVIEWS}/selfsubjectrulesreviews`, {
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } },
  });
  return {
    resourceRules: (out.status?.resourceRules ?? []).map((r) => ({
      verbs: r.verbs ?? [],
      apiGroups: r.apiGroups ?? [],
      resources: r.resources ?? [],
      resourceNames: r.resourceNames ?? [],
    })),
    incomplete: out.status?.incomplete === true,
  };
}
