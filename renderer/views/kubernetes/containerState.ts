/**
 * A container's state in words and colour, how its last run ended, and the Warning event that explains
 * it (the latest about that container, else about the pod). Pure.
 */
import type { KubeEvent, PodContainer } from '../../../contract/kube';

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

const BAD = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'OOMKilled',
  'Error',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'RunContainerError',
  'ContainerCannotRun',
]);

const exit = (code: number | undefined) => (code === undefined ? '' : ` (exit code ${code})`);

/** "Running", "Waiting: CrashLoopBackOff", "Terminated: Error (exit code 1)", "Terminated: Completed (exit code 0)". */
export function stateLabel(c: PodContainer): string {
  switch (c.state) {
    case 'running':
      return c.ready ? 'Running' : 'Running, not ready';
    case 'waiting':
      return `Waiting${c.reason ? `: ${c.reason}` : ''}`;
    case 'terminated':
      return `Terminated: ${c.reason ?? 'Error'}${exit(c.exitCode)}`;
    default:
      return 'Unknown';
  }
}

export function stateTone(c: PodContainer): Tone {
  if (c.reason && BAD.has(c.reason)) return 'bad';
  if (c.state === 'terminated') return c.exitCode === 0 ? 'muted' : 'bad';
  if (c.state === 'running') return c.ready ? 'ok' : 'warn';
  return 'warn';
}

/** "OOMKilled (exit code 137)": how the previous run ended, when there was one. */
export function lastStateLabel(c: PodContainer): string | undefined {
  const l = c.lastState;
  if (!l) return undefined;
  return `${l.reason ?? 'Terminated'}${exit(l.exitCode)}`;
}

/** The container a `fieldPath` like spec.containers{web} or spec.initContainers{init} names. */
export function fieldPathContainer(fieldPath: string | undefined): string | undefined {
  return fieldPath?.match(/^spec\.(?:init|ephemeral)?[cC]ontainers\{([^}]+)\}/)?.[1];
}

/** The latest Warning event about the pod, preferring one about `container` when given. */
export function explainingEvent(events: Iterable<KubeEvent>, pod: string, container?: string): KubeEvent | undefined {
  let best: KubeEvent | undefined;
  let bestForContainer: KubeEvent | undefined;
  for (const e of events) {
    if (e.type !== 'Warning' || e.object.kind !== 'Pod' || e.object.name !== pod) continue;
    const later = (x: KubeEvent | undefined) => !x || (e.lastSeen ?? '') >= (x.lastSeen ?? '');
    const about = fieldPathContainer(e.object.fieldPath);
    if (container && about === container && later(bestForContainer)) bestForContainer = e;
    if ((!about || !container || about === container) && later(best)) best = e;
  }
  return bestForContainer ?? best;
}
