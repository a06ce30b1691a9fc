/**
 * Delete of any object with a propagation policy: Background (it goes now, what it owns right after),
 * Foreground (what it owns goes first), Orphan (what it owns stays, its ownerReferences removed).
 */
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { PropagationPolicy } from '../../../contract/kubeActions';
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';

export async function deleteObject(
  c: KubeClients,
  ref: KubeObjectRef,
  propagationPolicy: PropagationPolicy,
): Promise<void> {
  await kubeJson(c, 'DELETE', resourcePath(ref), {
    body: { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy },
  });
}
