/** Access control: ServiceAccounts, Roles, RoleBindings, ClusterRoles and ClusterRoleBindings. */
import type { KindDescription, KubeObj, Relation } from './model';
import { at, list, owners, str } from './fields';

const RBAC = 'rbac.authorization.k8s.io';

/** A binding's role and the service accounts it binds (users and groups are no objects to link to). */
function bindingRelations(o: KubeObj): Relation[] {
  const out: Relation[] = [...owners(o)];
  const roleKind = str(o, 'roleRef.kind');
  const roleName = str(o, 'roleRef.name');
  if (roleKind && roleName)
    out.push({
      type: 'binds',
      target: {
        apiVersion: `${RBAC}/v1`,
        kind: roleKind,
        name: roleName,
        namespace: roleKind === 'Role' ? o.metadata?.namespace : undefined,
      },
    });
  for (const s of list(o, 'subjects')) {
    if (str(s, 'kind') !== 'ServiceAccount') continue;
    out.push({
      type: 'binds',
      target: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        namespace: str(s, 'namespace') ?? o.metadata?.namespace,
        name: str(s, 'name'),
      },
    });
  }
  return out;
}

const subjects = (o: KubeObj) =>
  list(o, 'subjects')
    .map((s) => `${str(s, 'kind')}/${str(s, 'name')}`)
    .join(',') || null;
const role = (o: KubeObj) => `${str(o, 'roleRef.kind') ?? ''}/${str(o, 'roleRef.name') ?? ''}`;
const rules = (o: KubeObj) => list(o, 'rules').length;

export const serviceAccounts: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'serviceaccounts',
  kind: 'ServiceAccount',
  title: 'ServiceAccounts',
  namespaced: true,
  category: 'Access control',
  columns: [{ name: 'Secrets', type: 'number', value: (o) => list(o, 'secrets').length }],
  relations: (o) => [
    ...owners(o),
    ...list(o, 'secrets')
      .map((s) => str(s, 'name'))
      .filter((n): n is string => !!n)
      .map((name) => ({
        type: 'mounts' as const,
        target: { apiVersion: 'v1', kind: 'Secret', namespace: o.metadata?.namespace, name },
      })),
  ],
  actions: ['editYaml', 'delete'],
};

export const roles: KindDescription = {
  group: RBAC,
  version: 'v1',
  resource: 'roles',
  kind: 'Role',
  title: 'Roles',
  namespaced: true,
  category: 'Access control',
  columns: [{ name: 'Rules', type: 'number', value: rules }],
  relations: owners,
  actions: ['editYaml', 'delete'],
};

export const roleBindings: KindDescription = {
  group: RBAC,
  version: 'v1',
  resource: 'rolebindings',
  kind: 'RoleBinding',
  title: 'RoleBindings',
  namespaced: true,
  category: 'Access control',
  columns: [
    { name: 'Role', value: role },
    { name: 'Subjects', value: subjects },
  ],
  relations: bindingRelations,
  actions: ['editYaml', 'delete'],
};

export const clusterRoles: KindDescription = {
  group: RBAC,
  version: 'v1',
  resource: 'clusterroles',
  kind: 'ClusterRole',
  title: 'ClusterRoles',
  namespaced: false,
  category: 'Access control',
  columns: [
    { name: 'Rules', type: 'number', value: rules },
    { name: 'Aggregated', wide: true, value: (o) => String(at(o, 'aggregationRule') !== undefined) },
  ],
  relations: owners,
  actions: ['editYaml', 'delete'],
};

export const clusterRoleBindings: KindDescription = {
  group: RBAC,
  version: 'v1',
  resource: 'clusterrolebindings',
  kind: 'ClusterRoleBinding',
  title: 'ClusterRoleBindings',
  namespaced: false,
  category: 'Access control',
  columns: [
    { name: 'Role', value: role },
    { name: 'Subjects', value: subjects },
  ],
  relations: bindingRelations,
  actions: ['editYaml', 'delete'],
};

export const accessKinds = [serviceAccounts, roles, roleBindings, clusterRoles, clusterRoleBindings];
