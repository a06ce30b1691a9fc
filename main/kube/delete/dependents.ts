/**
 * What goes with an object when it is deleted: the objects whose ownerReferences name it, and theirs, down
 * the chain (a Deployment's ReplicaSets and their pods, a CronJob's Jobs and their pods). Berth looks among
 * the kinds controllers own in the object's namespace; `ownedTree` is the pure walk.
 */
import type { Dependent } from '../../../contract/kubeActions';
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';

/** The kinds Kubernetes' own controllers create with owner references. */
export const OWNED_KINDS = [
  { group: 'apps', version: 'v1', resource: 'replicasets' },
  { group: 'apps', version: 'v1', resource: 'controllerrevisions' },
  { group: '', version: 'v1', resource: 'pods' },
  { group: 'batch', version: 'v1', resource: 'jobs' },
  { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' },
  { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
];

export interface OwnedObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; uid?: string; ownerReferences?: { uid?: string }[] };
}

/** Breadth-first from `rootUid` through `objects`; each object once, at the depth it is first reached. */
export function ownedTree(rootUid: string, objects: OwnedObject[]): Dependent[] {
  const out: Dependent[] = [];
  const seen = new Set<string>([rootUid]);
  let level = new Set([rootUid]);
  for (let depth = 1; level.size > 0 && depth <= 10; depth++) {
    const next = new Set<string>();
    for (const o of objects) {
      const uid = o.metadata?.uid;
      if (!uid || seen.has(uid)) continue;
      if (!(o.metadata?.ownerReferences ?? []).some((r) => r.uid !== undefined && level.has(r.uid))) continue;
      seen.add(uid);
      next.add(uid);
      out.push({
        apiVersion: o.apiVersion ?? '',
        kind: o.kind ?? '',
        name: o.metadata?.name ?? '',
        ...(o.metadata?.namespace ? { namespace: o.metadata.namespace } : {}),
        depth,
      });
    }
    level = next;
  }
  return out;
}

export async function dependents(c: KubeClients, ref: KubeObjectRef): Promise<Dependent[]> {
  const root = await kubeJson<OwnedObject>(c, 'GET', resourcePath(ref));
  if (!ref.namespace || !root.metadata?.uid) return [];
  const lists = await Promise.all(
    OWNED_KINDS.map(async (k) => {
      const list = await kubeJson<{ items?: OwnedObject[] }>(c, 'GET', resourcePath({ ...k, namespace: ref.namespace }))
        // A kind the user may not list, or that this cluster lacks, contributes nothing.
        .catch(() => ({ items: [] }));
      const kind = {
        replicasets: 'ReplicaSet',
        controllerrevisions: 'ControllerRevision',
        pods: 'Pod',
        jobs: 'Job',
        endpointslices: 'EndpointSlice',
        persistentvolumeclaims: 'PersistentVolumeClaim',
      }[k.resource];
      const apiVersion = k.group ? `${k.group}/${k.version}` : k.version;
      return (list.items ?? []).map((o) => ({ ...o, kind, apiVersion }));
    }),
  );
  return ownedTree(root.metadata.uid, lists.flat());
}
