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

export const nodeRef = (context: string, name: string): KubeObjectRef => ({
  context,
  group: '',
  version: 'v1',
  resource: 'nodes',
  name,
});

/**
 * One string per object: what effects depend on, since a parent may hand over an equal but new ref on each
 * render (a table cell does) and a refetch would throw away what the user typed.
 */
export const refKey = (r: KubeObjectRef): string =>
  [r.context, r.kubeconfig ?? '', r.group, r.version, r.resource, r.namespace ?? '', r.name].join('\u0000');
