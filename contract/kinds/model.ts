/**
 * The one resource model: what Berth knows about a Kubernetes kind, written once per kind (the files beside
 * this one, one per API area) and read by main (list, watch and get any kind; rows, status and relations
 * computed from it) and by the renderer (the kind picker, the table's headers, the detail page, the actions
 * menu). A description works on the object as the API server sends it (plain JSON), so it runs the same on
 * a list result, a watch event or a fixture in a unit test.
 */

/** An object of any kind as the API server sends it. */
export interface KubeObj {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    deletionTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ apiVersion: string; kind: string; name: string; uid?: string; controller?: boolean }>;
  };
  [field: string]: unknown;
}

/** One table cell: text, a number, or nothing. */
export type Cell = string | number | null;

/** How a column's values are shown: 'age' cells are timestamps, shown as an age and sorted by time. */
export type ColumnType = 'text' | 'number' | 'age';

export interface KindColumn {
  name: string;
  type?: ColumnType;
  /** Shown only when the table is wide (kubectl's `-o wide` columns; additionalPrinterColumns priority > 0). */
  wide?: boolean;
  value(o: KubeObj): Cell;
}

/** healthy / progressing / failing, as a kind's own status says it; 'none' for kinds without a status. */
export type Health = 'healthy' | 'progressing' | 'failing' | 'none';

export interface StatusSummary {
  health: Health;
  /** What the status column shows: Running, 2/3 ready, Bound, CrashLoopBackOff... */
  text: string;
  /** Why, when not healthy: the condition or container reason and message. */
  reason?: string;
}

/** Another object an object points at, by apiVersion and kind as owner references name them. */
export interface RelationTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  /** One named object... */
  name?: string;
  /** ...or every object of that kind matching these labels (a Service's or a Deployment's pods). */
  selector?: Record<string, string>;
}

/** Vocabulary of the links on a detail page. */
export type RelationType =
  | 'owner' // metadata.ownerReferences
  | 'selects' // pods a Service, Deployment, StatefulSet... selects
  | 'mounts' // ConfigMaps and Secrets a pod mounts or reads env from
  | 'binds' // a PVC's volume, a pod's claims, a binding's role and subjects
  | 'runs on' // a pod's node
  | 'uses' // a pod's service account, a PVC's storage class, an HPA's target, an Ingress's backends
  | 'serves' // an EndpointSlice's Service
  | 'about' // the object an Event is about
  | 'used by'; // the reverse of a pod's: the pods that mount a ConfigMap, Secret or claim, run on a node...

export interface Relation {
  type: RelationType;
  target: RelationTarget;
}

/**
 * Actions a kind offers, by id (the ids of the actions menu's catalog); the actions themselves live in the
 * renderer (renderer/views/kubernetes/actions/catalog.ts, with their dialogs) and name the object by KubeObjectRef.
 */
export const KUBE_ACTION_IDS = [
  'editYaml', // view and edit the YAML
  'scale', // the scale subresource
  'restart', // rollout restart
  'history', // rollout history and undo to a revision
  'pause', // rollout pause (offered while not paused)
  'resume', // rollout resume (offered while paused)
  'runNow', // a CronJob: create its Job now
  'suspend', // a CronJob: suspend (offered while not suspended)
  'unsuspend', // a CronJob: resume its schedule
  'cordon',
  'uncordon',
  'drain', // evict a node's pods through the eviction API
  'delete', // delete, asking first, with a propagation policy where it has dependents
  'logs',
  'shell',
  'portForward',
] as const;
export type KubeActionId = (typeof KUBE_ACTION_IDS)[number];

/** The Lens-like groups of the kind picker. */
export const KIND_CATEGORIES = [
  'Cluster',
  'Workloads',
  'Network',
  'Config',
  'Storage',
  'Access control',
  'Custom resources',
] as const;
export type KindCategory = (typeof KIND_CATEGORIES)[number];

export interface KindDescription {
  group: string;
  version: string;
  /** The plural resource of the API's paths: 'deployments'. */
  resource: string;
  kind: string;
  /** What the picker and the page title say: 'Deployments'. */
  title: string;
  namespaced: boolean;
  category: KindCategory;
  /** Columns after Name (and Namespace, for namespaced kinds); Status and Age come from `status` and metadata. */
  columns: KindColumn[];
  status?(o: KubeObj): StatusSummary;
  relations?(o: KubeObj): Relation[];
  actions: readonly KubeActionId[];
  /** Values are secret: never sent with the object, revealed one at a time on request (Secrets). */
  secretValues?: boolean;
}

/** What an actions menu needs of an object's state to offer only one of pause/resume, suspend/resume, cordon/uncordon. */
export interface ObjectState {
  paused?: boolean;
  suspended?: boolean;
  unschedulable?: boolean;
}

/** The state of an object of any kind, from the fields those actions flip (spec.paused, .suspend, .unschedulable). */
export function objectState(o: KubeObj): ObjectState {
  const spec = (o.spec ?? {}) as { paused?: unknown; suspend?: unknown; unschedulable?: unknown };
  return {
    paused: spec.paused === true,
    suspended: spec.suspend === true,
    unschedulable: spec.unschedulable === true,
  };
}

/** `group/version/resource` ('core' for the core group): how a kind is named on the wire and in the picker. */
export const kindId = (k: { group: string; version: string; resource: string }): string =>
  `${k.group || 'core'}/${k.version}/${k.resource}`;

/** `apps/v1` or `v1`: a kind's apiVersion. */
export const apiVersionOf = (k: { group: string; version: string }): string =>
  k.group ? `${k.group}/${k.version}` : k.version;
