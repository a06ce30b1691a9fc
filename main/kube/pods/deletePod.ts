/** Deletes a pod (what "restart" does for a pod a controller owns: the controller makes a new one). */
import type { KubeTarget } from '../../../contract/kube';
import { withClients } from '../workloads';

export function deletePod(target: KubeTarget, namespace: string, name: string) {
  return withClients(target, async (c) => {
    await c.core.deleteNamespacedPod({ name, namespace });
    return { ok: true as const };
  });
}
