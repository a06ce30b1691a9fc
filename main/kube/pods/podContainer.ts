/**
 * Which container of a pod a log, exec or port-forward means: the one named, else the pod's default
 * (kubectl's default-container annotation, else the first); and the clear refusal when it is not running.
 * Pure.
 */
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { ApiError } from '../../../contract/errors';

export interface ContainerRef {
  name: string;
  kind: 'container' | 'init container' | 'ephemeral container';
  status?: V1ContainerStatus;
}

const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

export function pickContainer(pod: V1Pod, name?: string): ContainerRef {
  const podName = pod.metadata?.name ?? '';
  const groups = [
    { kind: 'container', specs: pod.spec?.containers ?? [], statuses: pod.status?.containerStatuses },
    { kind: 'init container', specs: pod.spec?.initContainers ?? [], statuses: pod.status?.initContainerStatuses },
    {
      kind: 'ephemeral container',
      specs: pod.spec?.ephemeralContainers ?? [],
      statuses: pod.status?.ephemeralContainerStatuses,
    },
  ] as const;
  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER];
  const wanted =
    name ||
    (annotated && pod.spec?.containers.some((c) => c.name === annotated) ? annotated : pod.spec?.containers[0]?.name);
  for (const g of groups) {
    const spec = g.specs.find((c) => c.name === wanted);
    if (spec) return { name: spec.name, kind: g.kind, status: g.statuses?.find((s) => s.name === spec.name) };
  }
  const all = groups.flatMap((g) => g.specs.map((c) => c.name));
  throw new ApiError(
    'not_found',
    wanted ? `Pod ${podName} has no container "${wanted}".` : `Pod ${podName} has no containers.`,
    all.length ? `Its containers: ${all.join(', ')}.` : undefined,
  );
}

/** Why a container is not running, in kubectl's words: "waiting (CrashLoopBackOff)", "terminated (Error, exit code 1)". */
export function notRunningReason(status: V1ContainerStatus | undefined): string {
  const st = status?.state;
  if (st?.waiting) return `waiting${st.waiting.reason ? ` (${st.waiting.reason})` : ''}`;
  if (st?.terminated) {
    const t = st.terminated;
    return `terminated (${t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error')}, exit code ${t.exitCode})`;
  }
  return 'not started yet';
}

/** Throws a conflict naming the state when the container is not running (exec needs a running process). */
export function requireRunning(pod: V1Pod, ref: ContainerRef, what: string): void {
  if (pod.metadata?.deletionTimestamp) {
    throw new ApiError(
      'conflict',
      `Pod ${pod.metadata.name} is being deleted, so there is nothing to ${what}.`,
      'Pick a running pod.',
    );
  }
  if (ref.status?.state?.running) return;
  throw new ApiError(
    'conflict',
    `The ${ref.kind} "${ref.name}" of pod ${pod.metadata?.name ?? ''} is ${notRunningReason(ref.status)}, so there is nothing to ${what}.`,
    ref.status?.state?.waiting || ref.status?.state?.terminated
      ? 'Its log (and the previous run’s log) and the pod’s events say why; try again once it runs.'
      : 'Wait until it runs.',
  );
}
