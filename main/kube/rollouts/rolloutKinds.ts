/** Which kinds have rollouts (kubectl rollout's own list) and the one-line refusal for the others. */
import { ApiError } from '../../../contract/errors';
import type { KubeObjectRef } from '../../../contract/kubeBase';

export type RolloutKind = 'deployments' | 'statefulsets' | 'daemonsets';

export function rolloutKind(
  ref: KubeObjectRef,
  allowed: RolloutKind[] = ['deployments', 'statefulsets', 'daemonsets'],
): RolloutKind {
  const kind = ref.group === 'apps' ? (allowed as string[]).find((k) => k === ref.resource) : undefined;
  if (!kind) {
    throw new ApiError(
      'invalid_input',
      `${ref.group ? `${ref.resource}.${ref.group}` : ref.resource} have no rollout${allowed.length < 3 ? ` of this kind (only ${allowed.join(', ')})` : ''}.`,
      'Rollouts are for Deployments, StatefulSets and DaemonSets.',
    );
  }
  return kind as RolloutKind;
}

/** A Kubernetes object as the rollout code reads it: only the fields it needs. */
export interface Owned {
  metadata?: {
    name?: string;
    uid?: string;
    creationTimestamp?: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    ownerReferences?: { uid?: string; kind?: string; name?: string; controller?: boolean }[];
  };
}

export const ownedBy = (uid: string | undefined) => (o: Owned) =>
  uid !== undefined && (o.metadata?.ownerReferences ?? []).some((r) => r.uid === uid);
