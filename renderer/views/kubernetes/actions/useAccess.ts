/**
 * Asks main (SelfSubjectAccessReview) what the user may do, for a set of checks, once per set; while the
 * answer is on its way everything counts as allowed (the API server refuses anyway). `useMayList` is the
 * one-liner a resource table uses to say "You may not list X in Y." instead of an error wall.
 */
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import type { AccessAnswer, AccessCheck } from '../../../../contract/kubeActions';
import type { KubeTarget } from '../../../../contract/kubeBase';

export function useAccess(target: KubeTarget, checks: AccessCheck[]): AccessAnswer[] | undefined {
  const key = JSON.stringify([target.context, target.kubeconfig ?? '', checks]);
  const [answers, setAnswers] = useState<{ key: string; answers: AccessAnswer[] }>();
  useEffect(() => {
    if (checks.length === 0) return;
    let live = true;
    api.kube
      .access({ context: target.context, kubeconfig: target.kubeconfig, checks })
      .then((a) => live && setAnswers({ key, answers: a }))
      // Unanswerable (an old server, no network): the actions stay enabled and the server decides.
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // `key` stands for target and checks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return answers?.key === key ? answers.answers : undefined;
}

/** Whether the user may list a kind (in a namespace, or cluster-wide); `reason` is one line to show if not. */
export function useMayList(
  target: KubeTarget,
  kind: { group: string; resource: string },
  namespace?: string,
): { allowed: boolean; reason?: string } | undefined {
  const answers = useAccess(target, [
    { verb: 'list', group: kind.group, resource: kind.resource, ...(namespace ? { namespace } : {}) },
  ]);
  const a = answers?.[0];
  return a && { allowed: a.allowed, reason: a.reason };
}
