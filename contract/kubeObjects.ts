/**
 * Objects of any kind through the one resource model (contract/kinds/): which kinds a cluster serves, a
 * live list of any of them as table rows, one object with its status, relations and events, and one
 * Secret value revealed on request. Spread into the kube domain (contract/kube.ts).
 */
import { z } from 'zod';
import { call, stream } from './define';
import { collectionEvent } from './collection';
import { KubeObjectRef, KubeTarget } from './kubeBase';
import { KIND_CATEGORIES, KUBE_ACTION_IDS } from './kinds/model';

/** A kind by its resource, as the API's paths name it (group '' for the core group). */
export const KindRef = z.object({ group: z.string(), version: z.string().min(1), resource: z.string().min(1) });
export type KindRef = z.infer<typeof KindRef>;

export const KubeActionId = z.enum(KUBE_ACTION_IDS);

/** What the renderer needs of a kind description: its names, its table's columns, its actions. */
export const KubeKindInfo = KindRef.extend({
  /** `group/version/resource`, 'core' for the core group. */
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  namespaced: z.boolean(),
  category: z.enum(KIND_CATEGORIES),
  columns: z.array(z.object({ name: z.string(), type: z.enum(['text', 'number', 'age']), wide: z.boolean() })),
  actions: z.array(KubeActionId),
  /** Whether the kind reports a status (the table shows a Status column). */
  hasStatus: z.boolean(),
  /** Values are hidden until revealed one by one (Secrets). */
  secretValues: z.boolean(),
  /** Defined by a CustomResourceDefinition of this cluster. */
  custom: z.boolean(),
});
export type KubeKindInfo = z.infer<typeof KubeKindInfo>;

export const Health = z.enum(['healthy', 'progressing', 'failing', 'none']);

export const ObjectStatus = z.object({ health: Health, text: z.string(), reason: z.string().optional() });
export type ObjectStatus = z.infer<typeof ObjectStatus>;

/** One object as a table row: the kind's columns in order, its status, its age. */
export const KubeObjectRow = z.object({
  /** `namespace/name`, or `name` for cluster-scoped kinds. */
  id: z.string(),
  uid: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  resourceVersion: z.string(),
  /** Its labels, so a page shows a label change as the watch reports it, before the object is read again. */
  labels: z.record(z.string(), z.string()),
  cells: z.array(z.union([z.string(), z.number(), z.null()])),
  status: ObjectStatus,
  createdAt: z.string().optional(),
});
export type KubeObjectRow = z.infer<typeof KubeObjectRow>;

/** An object another one points at, as a link; `resource` is absent when the cluster serves no such kind. */
export const KubeRelation = z.object({
  type: z.enum(['owner', 'selects', 'mounts', 'binds', 'runs on', 'uses', 'serves', 'about', 'used by']),
  kind: z.string(),
  group: z.string(),
  version: z.string(),
  resource: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
});
export type KubeRelation = z.infer<typeof KubeRelation>;

export const ObjectEvent = z.object({
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  count: z.number(),
  lastSeen: z.string().optional(),
});
export type ObjectEvent = z.infer<typeof ObjectEvent>;

export const KubeObjectDetail = z.object({
  kind: KubeKindInfo,
  row: KubeObjectRow,
  /**
   * The object as the API server sent it; for kinds with secret values (Secrets) without them: `data` holds
   * each key with an empty value and the last-applied annotation is removed.
   */
  object: z.record(z.string(), z.unknown()),
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()),
  relations: z.array(KubeRelation),
  /** The object's events, newest first. */
  events: z.array(ObjectEvent),
  /** For Secrets: each key and its size in bytes (the values themselves only through secretValue). */
  secretKeys: z.array(z.object({ key: z.string(), bytes: z.number() })).optional(),
});
export type KubeObjectDetail = z.infer<typeof KubeObjectDetail>;

export const kubeObjects = {
  /** The kinds the cluster serves: the built-in ones and one per CustomResourceDefinition. */
  kinds: call(KubeTarget, z.array(KubeKindInfo)),
  /** A live list of any kind as rows: a snapshot, then changes (list + watch, resumed from resourceVersion). */
  objects: stream(KubeTarget.extend(KindRef.shape).extend({ namespace: z.string() }), collectionEvent(KubeObjectRow)),
  /** One object with its status, relations and events. */
  object: call(KubeObjectRef, KubeObjectDetail),
  /** One Secret value, decoded (UTF-8; binary values as base64), for the user who asked to see it. */
  secretValue: call(
    KubeTarget.extend({ namespace: z.string().min(1), name: z.string().min(1), key: z.string().min(1) }),
    z.object({ value: z.string(), encoding: z.enum(['utf8', 'base64']) }),
  ),
} as const;
