/**
 * The annotations and labels Kubernetes' own control plane wrote on an object — the deployment controller's
 * `deployment.kubernetes.io/revision`, a volume binder's `pv.kubernetes.io/bind-completed` — read from the
 * object's managedFields. They are the cluster reporting on the object, not someone's edit: a conflict that
 * only they (and status, resourceVersion) caused is rebased quietly, like one a controller's status caused.
 */
import type { KubeObject } from './objectYaml';
import { isMap, type Json } from './threeWayMerge';

/** The field managers of the control plane's own components (their names in managedFields). */
const CONTROL_PLANE = new Set(['kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-apiserver']);

export interface ControlPlaneMarks {
  annotations: Set<string>;
  labels: Set<string>;
}

/** The keys a managedFields entry owns under metadata.<part> (FieldsV1: `f:<key>`). */
function ownedKeys(entry: Json, part: 'annotations' | 'labels'): string[] {
  if (!isMap(entry) || !isMap(entry.fieldsV1)) return [];
  const metadata = entry.fieldsV1['f:metadata'];
  const owned = isMap(metadata) ? metadata[`f:${part}`] : undefined;
  return isMap(owned) ? Object.keys(owned).flatMap((k) => (k.startsWith('f:') ? [k.slice(2)] : [])) : [];
}

/** The annotation and label keys only control-plane managers own (a key someone else also set is theirs). */
export function controlPlaneMarks(object: KubeObject): ControlPlaneMarks {
  const entries = Array.isArray(object.metadata?.managedFields) ? object.metadata.managedFields : [];
  const marks = (part: 'annotations' | 'labels') => {
    const ours = new Set<string>();
    const others = new Set<string>();
    for (const entry of entries) {
      const manager = isMap(entry) && typeof entry.manager === 'string' ? entry.manager : '';
      for (const key of ownedKeys(entry, part)) (CONTROL_PLANE.has(manager) ? ours : others).add(key);
    }
    return new Set([...ours].filter((k) => !others.has(k)));
  };
  return { annotations: marks('annotations'), labels: marks('labels') };
}

/** The object without the marked annotations and labels (for comparing what users changed). */
export function withoutMarks(object: Json, marks: ControlPlaneMarks): Json {
  if (!isMap(object) || !isMap(object.metadata)) return object;
  const metadata: { [key: string]: Json } = { ...object.metadata };
  for (const part of ['annotations', 'labels'] as const) {
    const map = metadata[part];
    if (!isMap(map)) continue;
    const kept = Object.fromEntries(Object.entries(map).filter(([k]) => !marks[part].has(k)));
    if (Object.keys(kept).length > 0) metadata[part] = kept;
    else delete metadata[part];
  }
  return { ...object, metadata };
}
