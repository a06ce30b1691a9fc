/** KubeObjectRef of the objects the existing lists show, for the actions menu. */
import type { KubeDeployment } from '../../../../contract/kube';
import type { KubeObjectRef } from '../../../../contract/kubeBase';

export const deploymentRef = (context: string, d: Pick<KubeDeployment, 'namespace' | 'name'>): KubeObjectRef => ({
  context,
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  namespace: d.namespace,
  name: d.name,
});
