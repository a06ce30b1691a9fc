/** kubectl cordon / uncordon: spec.unschedulable set, or removed. */
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';

export const nodePath = (node: string) => resourcePath({ group: '', version: 'v1', resource: 'nodes', name: node });

export async function cordon(c: KubeClients, node: string, unschedulable: boolean): Promise<void> {
  await kubeJson(c, 'PATCH', nodePath(node), {
    body: { spec: { unschedulable: unschedulable ? true : null } },
    contentType: 'application/merge-patch+json',
    query: { fieldManager: 'berth' },
  });
}
