/**
 * Small readers the kind descriptions share: a field by path, conditions, owner references, the objects a
 * pod template points at (ConfigMaps, Secrets, claims, service account), and status summaries from
 * conditions. Pure and tolerant: a field missing from an object reads as undefined, never throws.
 */
import type { Cell, KubeObj, Relation, StatusSummary } from './model';

/** The value at a dotted path ('status.readyReplicas'). */
export function at(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export const str = (o: unknown, path: string): string | undefined => {
  const v = at(o, path);
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
};
export const num = (o: unknown, path: string): number | undefined => {
  const v = at(o, path);
  return typeof v === 'number' ? v : undefined;
};
export const list = (o: unknown, path: string): unknown[] => {
  const v = at(o, path);
  return Array.isArray(v) ? v : [];
};
export const record = (o: unknown, path: string): Record<string, string> => {
  const v = at(o, path);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
};

/** A column value from a dotted path. */
export const field =
  (path: string) =>
  (o: KubeObj): Cell =>
    str(o, path) !== undefined ? (num(o, path) ?? (str(o, path) as string)) : null;

/** The count of a list field, as a cell. */
export const count =
  (path: string) =>
  (o: KubeObj): Cell =>
    list(o, path).length;

export const keys = (o: unknown, path: string): string[] => Object.keys(record(o, path));

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export const conditions = (o: unknown): Condition[] =>
  list(o, 'status.conditions').filter((c): c is Condition => !!c && typeof c === 'object' && 'type' in c);

export const condition = (o: unknown, type: string): Condition | undefined =>
  conditions(o).find((c) => c.type === type);

/** "reason: message", or whichever of the two there is. */
export const because = (c: { reason?: string; message?: string } | undefined): string | undefined =>
  c ? [c.reason, c.message].filter(Boolean).join(': ') || undefined : undefined;

/** Owner references as relations. */
export function owners(o: KubeObj): Relation[] {
  return (o.metadata?.ownerReferences ?? []).map((r) => ({
    type: 'owner' as const,
    target: { apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: o.metadata?.namespace },
  }));
}

/** The pods a label selector (`spec.selector.matchLabels` or a Service's `spec.selector`) picks. */
export function selectedPods(o: KubeObj, path = 'spec.selector.matchLabels'): Relation[] {
  const labels = record(o, path);
  if (Object.keys(labels).length === 0) return [];
  return [
    { type: 'selects', target: { apiVersion: 'v1', kind: 'Pod', namespace: o.metadata?.namespace, selector: labels } },
  ];
}

/** What a pod spec (a pod's, or a template's at `spec.template.spec`) mounts and uses, each object once. */
export function podSpecRelations(o: KubeObj, specPath: string): Relation[] {
  const spec = at(o, specPath);
  const namespace = o.metadata?.namespace;
  const out = new Map<string, Relation>();
  const add = (type: Relation['type'], kind: string, name: unknown) => {
    if (typeof name !== 'string' || !name) return;
    out.set(`${kind}/${name}`, { type, target: { apiVersion: 'v1', kind, namespace, name } });
  };
  for (const v of list(spec, 'volumes')) {
    add('mounts', 'ConfigMap', at(v, 'configMap.name'));
    add('mounts', 'Secret', at(v, 'secret.secretName'));
    add('binds', 'PersistentVolumeClaim', at(v, 'persistentVolumeClaim.claimName'));
    for (const s of list(v, 'projected.sources')) {
      add('mounts', 'ConfigMap', at(s, 'configMap.name'));
      add('mounts', 'Secret', at(s, 'secret.name'));
    }
  }
  for (const c of [...list(spec, 'initContainers'), ...list(spec, 'containers')]) {
    for (const e of list(c, 'envFrom')) {
      add('mounts', 'ConfigMap', at(e, 'configMapRef.name'));
      add('mounts', 'Secret', at(e, 'secretRef.name'));
    }
    for (const e of list(c, 'env')) {
      add('mounts', 'ConfigMap', at(e, 'valueFrom.configMapKeyRef.name'));
      add('mounts', 'Secret', at(e, 'valueFrom.secretKeyRef.name'));
    }
  }
  for (const s of list(spec, 'imagePullSecrets')) add('mounts', 'Secret', at(s, 'name'));
  const sa = str(spec, 'serviceAccountName');
  if (sa && sa !== 'default') add('uses', 'ServiceAccount', sa);
  return [...out.values()];
}

/**
 * A status from conditions, for kinds whose health is a condition (custom resources, mostly): Ready or
 * Available True is healthy, False failing with its reason; Progressing True progressing; none: 'none'.
 */
export function conditionStatus(o: KubeObj): StatusSummary {
  const cs = conditions(o);
  const main = cs.find((c) => c.type === 'Ready') ?? cs.find((c) => c.type === 'Available');
  if (main?.status === 'True') return { health: 'healthy', text: main.type };
  if (main?.status === 'False')
    return { health: 'failing', text: main.reason ?? `Not ${main.type}`, reason: because(main) };
  const failed = cs.find((c) => /fail|degraded|error/i.test(c.type) && c.status === 'True');
  if (failed) return { health: 'failing', text: failed.reason ?? failed.type, reason: because(failed) };
  const progressing = cs.find((c) => c.type === 'Progressing' && c.status === 'True');
  if (progressing || main)
    return { health: 'progressing', text: progressing?.reason ?? 'Pending', reason: because(progressing ?? main) };
  const phase = str(o, 'status.phase');
  if (phase) return { health: 'none', text: phase };
  return { health: 'none', text: '' };
}

/** `ready/desired` replicas as a status: all there healthy, fewer progressing, with a failing condition's reason. */
export function replicaStatus(o: KubeObj, desired: number, ready: number, failure?: Condition): StatusSummary {
  const text = `${ready}/${desired} ready`;
  if (failure) return { health: 'failing', text, reason: because(failure) };
  if (desired === ready) return { health: 'healthy', text };
  return { health: 'progressing', text, reason: `${desired - ready} of ${desired} not ready yet` };
}
