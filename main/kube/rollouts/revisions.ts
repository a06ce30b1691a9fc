/**
 * A workload's revisions from what holds them — the ReplicaSets of a Deployment (revision annotation), the
 * ControllerRevisions of a StatefulSet or DaemonSet (.revision) — newest first, and the one an undo goes to.
 */
import { ApiError } from '../../../contract/errors';
import type { RolloutRevision } from '../../../contract/kubeActions';
import type { Owned, RolloutKind } from './rolloutKinds';

export const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { image?: string }[] };
}

export interface ReplicaSetLike extends Owned {
  spec?: { template?: PodTemplate };
}

export interface ControllerRevisionLike extends Owned {
  revision?: number;
  data?: { spec?: { template?: PodTemplate } };
}

export interface WorkloadLike extends Owned {
  status?: { updateRevision?: string; currentRevision?: string };
}

const images = (t: PodTemplate | undefined) => (t?.spec?.containers ?? []).map((c) => c.image ?? '').filter(Boolean);

export function revisionsOf(
  kind: RolloutKind,
  workload: WorkloadLike,
  children: (ReplicaSetLike & ControllerRevisionLike)[],
): RolloutRevision[] {
  const list: RolloutRevision[] = children.map((child) => {
    const template = kind === 'deployments' ? child.spec?.template : child.data?.spec?.template;
    const revision =
      kind === 'deployments' ? Number(child.metadata?.annotations?.[REVISION] ?? 0) : Number(child.revision ?? 0);
    const changeCause = child.metadata?.annotations?.[CHANGE_CAUSE];
    return {
      revision,
      name: child.metadata?.name ?? '',
      current: false,
      ...(changeCause ? { changeCause } : {}),
      images: images(template),
      ...(child.metadata?.creationTimestamp ? { createdAt: child.metadata.creationTimestamp } : {}),
    };
  });
  list.sort((a, b) => b.revision - a.revision);
  const current =
    kind === 'deployments'
      ? list.find((r) => String(r.revision) === workload.metadata?.annotations?.[REVISION])
      : kind === 'statefulsets'
        ? list.find((r) => r.name === (workload.status?.updateRevision ?? workload.status?.currentRevision))
        : list[0];
  if (current) current.current = true;
  return list;
}

/** The revision an undo goes to: `toRevision`, or the newest before the current one when 0 (kubectl's rule). */
export function undoTarget(revisions: RolloutRevision[], toRevision: number): RolloutRevision {
  if (toRevision > 0) {
    const found = revisions.find((r) => r.revision === toRevision);
    if (!found) {
      throw new ApiError(
        'not_found',
        `Revision ${toRevision} is not in the history (${revisions.map((r) => r.revision).join(', ') || 'none'}).`,
        'Pick one of the revisions the history lists.',
      );
    }
    return found;
  }
  const current = revisions.find((r) => r.current) ?? revisions[0];
  const previous = revisions.find((r) => current && r.revision < current.revision);
  if (!previous) {
    throw new ApiError('invalid_input', 'There is no earlier revision to roll back to.', 'Only one revision exists.');
  }
  return previous;
}
