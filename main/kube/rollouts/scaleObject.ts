/**
 * Scale of any kind through its scale subresource (Deployments, StatefulSets, ReplicaSets, and custom
 * resources that have one): only the replica count changes. A kind without one gets a clear invalid_input.
 */
import { ApiError } from '../../../contract/errors';
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';
import { StatusError } from '../pods/kubeRequest';
import { scaleFailed } from './scaleFailure';

export async function scaleObject(c: KubeClients, ref: KubeObjectRef, replicas: number): Promise<{ replicas: number }> {
  try {
    const scale = await kubeJson<{ spec?: { replicas?: number } }>(c, 'PATCH', resourcePath(ref, 'scale'), {
      body: { spec: { replicas } },
      contentType: 'application/merge-patch+json',
      query: { fieldManager: 'berth' },
    });
    return { replicas: scale.spec?.replicas ?? replicas };
  } catch (e) {
    if (e instanceof StatusError && e.code === 404) {
      // Either the object is gone, or its kind has no scale subresource: the object's own path tells which.
      const exists = await kubeJson(c, 'GET', resourcePath(ref)).then(
        () => true,
        () => false,
      );
      if (exists) {
        throw new ApiError(
          'invalid_input',
          `${ref.resource} have no scale subresource: ${ref.name} cannot be scaled.`,
          'Scale its controller instead, or edit its YAML.',
        );
      }
    }
    throw scaleFailed(e, c, ref.name, replicas);
  }
}
