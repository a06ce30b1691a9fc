/**
 * One object of any kind for its detail page: the object (without secret values), its row, the objects
 * its description relates it to — label selectors resolved to the objects they pick —, the pods whose own
 * relations point at it (the pods that mount a Secret, run on a node...) and its events.
 */
import type { KindDescription, KindRegistry, KubeObj, Relation } from '../../../contract/kinds';
import { kindInfo, toRow, withoutSecretValues } from '../../../contract/kinds/rows';
import type { KubeObjectDetail, KubeRelation, ObjectEvent } from '../../../contract/kubeObjects';
import type { KubeClients } from '../clients';
import { getJson, resourcePath } from './objectRequest';
import { ApiError } from '../../../contract/errors';

/** At most this many objects per selector on a detail page (a Service may select thousands of pods). */
const SELECTED_MAX = 50;

const groupVersion = (apiVersion: string) =>
  apiVersion.includes('/')
    ? { group: apiVersion.slice(0, apiVersion.indexOf('/')), version: apiVersion.slice(apiVersion.indexOf('/') + 1) }
    : { group: '', version: apiVersion };

async function resolve(c: KubeClients, registry: KindRegistry, r: Relation): Promise<KubeRelation[]> {
  const known = registry.byApiVersion(r.target.apiVersion, r.target.kind);
  const gv = known ? { group: known.group, version: known.version } : groupVersion(r.target.apiVersion);
  const base = { type: r.type, kind: r.target.kind, ...gv, resource: known?.resource };
  const namespace = known && !known.namespaced ? undefined : r.target.namespace;
  if (r.target.name) return [{ ...base, namespace, name: r.target.name }];
  if (!r.target.selector || !known) return [];
  const labelSelector = Object.entries(r.target.selector)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const listed = await getJson<{ items: KubeObj[] }>(c, resourcePath(known, namespace), {
    labelSelector,
    limit: String(SELECTED_MAX),
  });
  return listed.items.map((o) => ({ ...base, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' }));
}

async function relationsOf(c: KubeClients, registry: KindRegistry, k: KindDescription, o: KubeObj) {
  const wanted = k.relations?.(o) ?? [];
  const resolved = (await Promise.all(wanted.map((r) => resolve(c, registry, r).catch(() => [])))).flat();
  const seen = new Set<string>();
  return resolved.filter((r) => {
    const key = `${r.type}\u0000${r.group}\u0000${r.kind}\u0000${r.namespace ?? ''}\u0000${r.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Kinds pods point at (pods.relations): their detail page lists the pods that do, as 'used by'. */
const POD_REFERENCED = new Set(['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount', 'Node']);

/** The pods whose relations name this object; a node's across namespaces, by the API's own field selector. */
async function usedByPods(c: KubeClients, registry: KindRegistry, k: KindDescription, o: KubeObj) {
  const podKind = registry.byResource({ group: '', version: 'v1', resource: 'pods' });
  const name = o.metadata?.name;
  if (k.group !== '' || !POD_REFERENCED.has(k.kind) || !podKind?.relations || !name) return [];
  const path = k.namespaced ? resourcePath(podKind, o.metadata?.namespace) : resourcePath(podKind);
  const query: Record<string, string> = { limit: '500' };
  if (k.kind === 'Node') query.fieldSelector = `spec.nodeName=${name}`;
  const pods = await getJson<{ items: KubeObj[] }>(c, path, query);
  const refers = (pod: KubeObj) =>
    podKind.relations!(pod).some((r) => r.target.kind === k.kind && r.target.name === name);
  return pods.items
    .filter(refers)
    .slice(0, SELECTED_MAX)
    .map((pod) => ({
      type: 'used by' as const,
      kind: 'Pod',
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: pod.metadata?.namespace,
      name: pod.metadata?.name ?? '',
    }));
}

interface RawEvent {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  metadata?: { creationTimestamp?: string };
}

/** Events about the object: by uid in its namespace; cluster-scoped objects (nodes) by kind and name. */
async function eventsOf(c: KubeClients, k: KindDescription, o: KubeObj): Promise<ObjectEvent[]> {
  const m = o.metadata ?? {};
  const fieldSelector = k.namespaced
    ? `involvedObject.uid=${m.uid ?? ''}`
    : `involvedObject.kind=${k.kind},involvedObject.name=${m.name ?? ''}`;
  const path =
    k.namespaced && m.namespace ? `/api/v1/namespaces/${encodeURIComponent(m.namespace)}/events` : '/api/v1/events';
  const listed = await getJson<{ items: RawEvent[] }>(c, path, { fieldSelector }).catch(() => ({ items: [] }));
  return listed.items
    .map((e) => ({
      type: e.type ?? 'Normal',
      reason: e.reason ?? '',
      message: e.message ?? '',
      count: e.count ?? 1,
      lastSeen: e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp,
    }))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
}

export async function objectDetail(
  c: KubeClients,
  registry: KindRegistry,
  k: KindDescription,
  custom: boolean,
  namespace: string | undefined,
  name: string,
): Promise<KubeObjectDetail> {
  const raw = await getJson<KubeObj>(c, resourcePath(k, k.namespaced ? namespace : undefined, name));
  const [relations, usedBy, events] = await Promise.all([
    relationsOf(c, registry, k, raw),
    usedByPods(c, registry, k, raw).catch(() => []),
    eventsOf(c, k, raw),
  ]);
  const shown = withoutSecretValues(k, raw);
  const data = raw.data && typeof raw.data === 'object' ? (raw.data as Record<string, string>) : {};
  return {
    kind: kindInfo(k, custom),
    row: toRow(k, raw),
    object: shown,
    labels: raw.metadata?.labels ?? {},
    annotations: shown.metadata?.annotations ?? {},
    relations: [...relations, ...usedBy],
    events,
    ...(k.secretValues
      ? { secretKeys: Object.entries(data).map(([key, v]) => ({ key, bytes: Buffer.from(v, 'base64').length })) }
      : {}),
  };
}

/** One key of a Secret, decoded: UTF-8 when it is text, else base64. Never logged. */
export async function secretValue(
  c: KubeClients,
  namespace: string,
  name: string,
  key: string,
): Promise<{ value: string; encoding: 'utf8' | 'base64' }> {
  const secret = await getJson<{ data?: Record<string, string> }>(
    c,
    resourcePath({ group: '', version: 'v1', resource: 'secrets' }, namespace, name),
  );
  const encoded = secret.data?.[key];
  if (encoded === undefined) {
    throw new ApiError(
      'not_found',
      `Secret ${namespace}/${name} has no key "${key}".`,
      'Reload the Secret: it may have changed.',
    );
  }
  const bytes = Buffer.from(encoded, 'base64');
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { value: encoded, encoding: 'base64' };
  }
}
