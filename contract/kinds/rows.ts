/**
 * A kind description applied to objects: the row a table shows, the kind as the renderer sees it, and a
 * Secret without its values. Pure; main runs them on every listed and watched object.
 */
import type { KubeKindInfo, KubeObjectRow } from '../kubeObjects';
import { kindId, type KindDescription, type KubeObj } from './model';

const NO_STATUS = { health: 'none', text: '' } as const;

export function kindInfo(k: KindDescription, custom = false): KubeKindInfo {
  return {
    id: kindId(k),
    group: k.group,
    version: k.version,
    resource: k.resource,
    kind: k.kind,
    title: k.title,
    namespaced: k.namespaced,
    category: k.category,
    columns: k.columns.map((c) => ({ name: c.name, type: c.type ?? 'text', wide: c.wide ?? false })),
    actions: [...k.actions],
    hasStatus: Boolean(k.status),
    secretValues: k.secretValues ?? false,
    custom,
  };
}

/** The row id a kind's objects are keyed by: `namespace/name`, or `name` for cluster-scoped kinds. */
export const rowId = (o: { metadata?: { namespace?: string; name?: string } }): string =>
  o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name ?? ''}` : (o.metadata?.name ?? '');

export function toRow(k: KindDescription, o: KubeObj): KubeObjectRow {
  const m = o.metadata ?? {};
  let status: KubeObjectRow['status'];
  try {
    status = k.status ? k.status(o) : NO_STATUS;
  } catch {
    // A description must not take the whole list down over one odd object.
    status = { health: 'none', text: '?' };
  }
  return {
    id: rowId(o),
    uid: m.uid ?? '',
    name: m.name ?? '',
    namespace: m.namespace,
    resourceVersion: m.resourceVersion ?? '',
    labels: m.labels ?? {},
    cells: k.columns.map((c) => {
      try {
        return c.value(o);
      } catch {
        return null;
      }
    }),
    status: status.reason ? status : { health: status.health, text: status.text },
    createdAt: m.creationTimestamp,
  };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The object without its secret values: each key of `data`/`stringData` kept with an empty value, and the
 * last-applied annotation (which holds them too) dropped. Objects of other kinds are returned as they are.
 */
export function withoutSecretValues(k: KindDescription, o: KubeObj): KubeObj {
  if (!k.secretValues) return o;
  const blank = (v: unknown) =>
    v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).map((key) => [key, ''])) : undefined;
  const { data, stringData, ...rest } = o;
  const annotations = { ...(o.metadata?.annotations ?? {}) };
  delete annotations[LAST_APPLIED];
  return {
    ...rest,
    metadata: { ...o.metadata, annotations },
    ...(data !== undefined ? { data: blank(data) } : {}),
    ...(stringData !== undefined ? { stringData: blank(stringData) } : {}),
  };
}
