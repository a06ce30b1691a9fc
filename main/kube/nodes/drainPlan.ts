/**
 * Which pods a drain evicts, skips or is blocked by — kubectl drain's filters: mirror pods (the kubelet's
 * static pods) and DaemonSet pods are skipped (their controller would put them straight back); a pod with
 * emptyDir data, or one no controller recreates, blocks the drain unless the user allows it; finished pods
 * are always fine to remove.
 */
import type { DrainPlan } from '../../../contract/kubeActions';

export interface PodLike {
  metadata?: {
    name?: string;
    namespace?: string;
    annotations?: Record<string, string>;
    ownerReferences?: { kind?: string; name?: string; controller?: boolean }[];
  };
  spec?: { volumes?: { emptyDir?: unknown }[] };
  status?: { phase?: string };
}

export interface PlanOptions {
  force: boolean;
  deleteEmptyDirData: boolean;
}

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export function drainPlan(pods: PodLike[], options: PlanOptions): DrainPlan {
  const plan: DrainPlan = { evict: [], skipped: [], blocked: [] };
  for (const pod of pods) {
    const ref = { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '' };
    const controller = (pod.metadata?.ownerReferences ?? []).find((r) => r.controller);
    const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined) {
      plan.skipped.push({ ...ref, reason: 'Mirror pod of a static pod: only its node’s kubelet can remove it.' });
    } else if (controller?.kind === 'DaemonSet') {
      plan.skipped.push({
        ...ref,
        reason: `Managed by DaemonSet ${controller.name ?? ''}: it would be recreated here.`,
      });
    } else if (!finished && !options.deleteEmptyDirData && (pod.spec?.volumes ?? []).some((v) => v.emptyDir)) {
      plan.blocked.push({
        ...ref,
        reason: 'Has emptyDir data, which is lost on eviction: allow “delete emptyDir data” to evict it.',
      });
    } else if (!finished && !controller && !options.force) {
      plan.blocked.push({
        ...ref,
        reason: 'Not managed by a controller, so nothing recreates it: allow “force” to delete it.',
      });
    } else {
      plan.evict.push(ref);
    }
  }
  const order = (a: { namespace: string; name: string }, b: { namespace: string; name: string }) =>
    a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
  plan.evict.sort(order);
  plan.skipped.sort(order);
  plan.blocked.sort(order);
  return plan;
}
