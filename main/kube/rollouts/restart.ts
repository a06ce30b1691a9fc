/**
 * kubectl rollout restart and pause/resume: a restartedAt annotation on the pod template starts a new
 * rollout; spec.paused stops a Deployment's rollout where it is.
 */
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';
import { rolloutKind } from './rolloutKinds';

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export async function rolloutRestart(c: KubeClients, ref: KubeObjectRef, now = new Date()): Promise<void> {
  rolloutKind(ref);
  await kubeJson(c, 'PATCH', resourcePath(ref), {
    body: { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: now.toISOString() } } } } },
    contentType: 'application/strategic-merge-patch+json',
    query: { fieldManager: 'berth' },
  });
}

export async function rolloutPause(c: KubeClients, ref: KubeObjectRef, paused: boolean): Promise<void> {
  rolloutKind(ref, ['deployments']);
  await kubeJson(c, 'PATCH', resourcePath(ref), {
    body: { spec: { paused: paused ? true : null } },
    contentType: 'application/merge-patch+json',
    query: { fieldManager: 'berth' },
  });
}
