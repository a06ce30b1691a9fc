/**
 * A pod's containers as a user reads them: state with its reason (CrashLoopBackOff, ImagePullBackOff,
 * ErrImagePull, OOMKilled, Error with its exit code, Completed), restarts, and how the previous run ended;
 * and the pod's STATUS the way kubectl prints it. Pure: list objects (Dates) and watch objects (strings).
 */
import type { V1Container, V1ContainerState, V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import type { ContainerTermination, PodContainer, PodDisplayPhase } from '../../contract/kube';

type Stamp = Date | string | undefined | null;

export const iso = (v: Stamp): string | undefined =>
  v === undefined || v === null ? undefined : v instanceof Date ? v.toISOString() : String(v);

/** A terminated state without Kubernetes' reason still says what happened: Completed or Error. */
export function terminationReason(t: { reason?: string; exitCode?: number; signal?: number }): string {
  if (t.reason) return t.reason;
  if (t.exitCode === 0) return 'Completed';
  if (t.signal) return `Signal ${t.signal}`;
  return 'Error';
}

function termination(t: V1ContainerState['terminated']): ContainerTermination | undefined {
  if (!t) return undefined;
  return {
    reason: terminationReason(t),
    exitCode: t.exitCode,
    signal: t.signal || undefined,
    message: t.message || undefined,
    startedAt: iso(t.startedAt),
    finishedAt: iso(t.finishedAt),
  };
}

export function toContainer(spec: Pick<V1Container, 'name' | 'image' | 'ports'>, s?: V1ContainerStatus): PodContainer {
  const st = s?.state;
  const state = st?.running ? 'running' : st?.waiting ? 'waiting' : st?.terminated ? 'terminated' : 'unknown';
  const terminated = termination(st?.terminated);
  return {
    name: spec.name,
    image: s?.image || spec.image || '',
    ready: Boolean(s?.ready),
    state,
    reason: st?.waiting?.reason ?? terminated?.reason,
    message: st?.waiting?.message || terminated?.message,
    exitCode: terminated?.exitCode,
    restarts: s?.restartCount ?? 0,
    startedAt: iso(st?.running?.startedAt ?? st?.terminated?.startedAt),
    lastState: termination(s?.lastState?.terminated),
    ports: (spec.ports ?? []).map((p) => ({
      name: p.name || undefined,
      containerPort: p.containerPort,
      protocol: p.protocol ?? 'TCP',
    })),
  };
}

/** The pod's containers and init containers, each with its status. */
export function podContainers(p: V1Pod): { containers: PodContainer[]; initContainers: PodContainer[] } {
  const find = (list: V1ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  return {
    containers: (p.spec?.containers ?? []).map((c) => toContainer(c, find(p.status?.containerStatuses, c.name))),
    initContainers: (p.spec?.initContainers ?? []).map((c) =>
      toContainer(c, find(p.status?.initContainerStatuses, c.name)),
    ),
  };
}

const QUIET_WAITING = new Set(['ContainerCreating', 'PodInitializing']);

/** What a user would call the pod's state: kubectl's STATUS column, reduced to what the map colours. */
export function podDisplayPhase(p: V1Pod): { display: PodDisplayPhase; reason?: string } {
  if (p.metadata?.deletionTimestamp) return { display: 'Terminating' };
  const phase = p.status?.phase;
  const init = p.status?.initContainerStatuses ?? [];
  const main = p.status?.containerStatuses ?? [];
  const waiting = [...init, ...main].map((s) => s.state?.waiting?.reason).find((r) => r && !QUIET_WAITING.has(r));
  // A failed init container holds the pod in Pending: kubectl says Init:Error and the like.
  const failedInit = init.find((s) => s.state?.terminated && s.state.terminated.exitCode !== 0)?.state?.terminated;
  switch (phase) {
    case 'Running': {
      if (waiting) return { display: 'Running', reason: waiting };
      // A container that has just ended (and is not yet waiting to restart): Error, OOMKilled, Completed.
      const ended = main.find((s) => s.state?.terminated)?.state?.terminated;
      return { display: 'Running', reason: ended ? terminationReason(ended) : undefined };
    }
    case 'Succeeded':
      return { display: 'Succeeded', reason: p.status?.reason };
    case 'Failed': {
      const ended = main.find((s) => s.state?.terminated && s.state.terminated.exitCode !== 0)?.state?.terminated;
      return { display: 'Failed', reason: p.status?.reason ?? (ended ? terminationReason(ended) : undefined) };
    }
    case 'Pending':
      if (waiting) return { display: 'Pending', reason: waiting };
      if (failedInit) return { display: 'Pending', reason: `Init:${terminationReason(failedInit)}` };
      if (p.spec?.nodeName) return { display: 'ContainerCreating' };
      return {
        display: 'Pending',
        reason: p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False')?.reason,
      };
    default:
      return { display: 'Unknown', reason: p.status?.reason };
  }
}
