/**
 * Any custom resource: a kind description made from its CustomResourceDefinition, its columns from the
 * served version's additionalPrinterColumns (their JSONPath evaluated on each object) and its status from
 * its conditions, as `kubectl get` would print it.
 */
import type { Cell, ColumnType, KindDescription, KubeObj } from './model';
import { at, conditionStatus, list, owners, str } from './fields';
import { jsonPathCell, parseJsonPath } from './jsonPath';

const TYPES: Record<string, ColumnType> = { integer: 'number', number: 'number', date: 'age' };

/** 'Widget' → 'Widgets', 'Policy' → 'Policies', 'Ingress' → 'Ingresses'. */
export const plural = (kind: string): string =>
  /[^aeiou]y$/.test(kind) ? `${kind.slice(0, -1)}ies` : /(s|x|ch|sh)$/.test(kind) ? `${kind}es` : `${kind}s`;

/** The version a client should use: the storage version if served, else the first served one. */
function servedVersion(crd: KubeObj): unknown {
  const versions = list(crd, 'spec.versions').filter((v) => at(v, 'served') !== false);
  return versions.find((v) => at(v, 'storage') === true) ?? versions[0];
}

/** The kind a CRD defines; undefined when it serves no version. */
export function kindFromCrd(crd: KubeObj): KindDescription | undefined {
  const version = servedVersion(crd);
  const group = str(crd, 'spec.group');
  const resource = str(crd, 'spec.names.plural');
  const kind = str(crd, 'spec.names.kind');
  const name = str(version, 'name');
  if (!version || !group || !resource || !kind || !name) return undefined;
  const columns = list(version, 'additionalPrinterColumns').flatMap((c) => {
    const path = str(c, 'jsonPath');
    const title = str(c, 'name');
    if (!path || !title) return [];
    // The API server adds Age itself; so does Berth's table.
    if (title === 'Age' && path === '.metadata.creationTimestamp') return [];
    let steps: ReturnType<typeof parseJsonPath> | undefined;
    try {
      steps = parseJsonPath(path);
    } catch {
      steps = undefined;
    }
    return [
      {
        name: title,
        type: TYPES[str(c, 'type') ?? ''] ?? 'text',
        wide: (at(c, 'priority') as number | undefined) !== undefined && (at(c, 'priority') as number) > 0,
        value: (o: KubeObj): Cell => (steps ? jsonPathCell(o, steps) : null),
      },
    ];
  });
  return {
    group,
    version: name,
    resource,
    kind,
    title: plural(kind),
    namespaced: str(crd, 'spec.scope') !== 'Cluster',
    category: 'Custom resources',
    columns,
    status: conditionStatus,
    relations: owners,
    actions: ['editYaml', 'delete'],
  };
}
