/**
 * Delete and restart a pod, each after asking. Restart deletes the pod so its controller makes a new one;
 * for a pod no controller owns, the question says it will not come back.
 */
import { api } from '../../api';
import type { KubePod } from '../../../contract/kube';
import { confirm } from '../../components/ConfirmDialog';
import { attempt, notify } from '../../stores/toastStore';

/** Whether a controller (ReplicaSet, StatefulSet, DaemonSet, Job) recreates the pod after a delete. */
export const recreated = (pod: KubePod): boolean => Boolean(pod.owner && pod.owner.kind !== 'Node');

export async function deletePod(context: string, pod: KubePod): Promise<boolean> {
  const answer = await confirm({
    title: `Delete pod ${pod.name}?`,
    message: recreated(pod)
      ? `${pod.owner?.kind} ${pod.owner?.name} will create a new pod in its place.`
      : 'No controller owns this pod: it will not come back.',
    confirmLabel: 'Delete',
    danger: true,
  });
  if (!answer.ok) return false;
  const done = await attempt(`Delete ${pod.name}`, () =>
    api.kube.deletePod({ context, namespace: pod.namespace, name: pod.name }),
  );
  return Boolean(done);
}

export async function restartPod(context: string, pod: KubePod): Promise<boolean> {
  const answer = await confirm({
    title: `Restart pod ${pod.name}?`,
    message: recreated(pod)
      ? `Berth deletes the pod and ${pod.owner?.kind} ${pod.owner?.name} starts a new one in its place.`
      : 'No controller owns this pod: restarting deletes it and it will NOT come back. Delete it anyway?',
    confirmLabel: recreated(pod) ? 'Restart' : 'Delete',
    danger: true,
  });
  if (!answer.ok) return false;
  const done = await attempt(`Restart ${pod.name}`, () =>
    api.kube.deletePod({ context, namespace: pod.namespace, name: pod.name }),
  );
  if (done && recreated(pod))
    notify('info', `Restarting ${pod.name}`, `${pod.owner?.kind} ${pod.owner?.name} makes a new pod.`);
  return Boolean(done);
}
