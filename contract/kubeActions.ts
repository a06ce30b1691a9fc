/**
 * What a user can do to an object of any kind, named by KubeObjectRef: view and edit its YAML (server-side
 * dry-run and a diff first, a conflict shown with a rebase, the API server's validation errors at their
 * line), create the common kinds from a form, rollouts (restart, history, undo, pause), scale through the
 * scale subresource, run and suspend a CronJob, delete with a propagation policy (and what goes with it),
 * node maintenance (cordon, drain through the eviction API) and the RBAC questions the actions menu asks.
 * Spread into the `kube` domain by contract/kube.ts.
 */
import { z } from 'zod';
import { call } from './define';
import { Ok, TaskStarted } from './collection';
import { DnsLabel, KubeObjectRef, KubeTarget, PortNumber, Replicas } from './kubeBase';

// ---- YAML view and edit ---------------------------------------------------------------------------

export const ObjectYaml = z.object({
  /** The object as YAML, metadata.managedFields left out. */
  yaml: z.string(),
  resourceVersion: z.string(),
  apiVersion: z.string(),
  kind: z.string(),
});
export type ObjectYaml = z.infer<typeof ObjectYaml>;

/** One line of a line diff: kept, added or removed, with its line number on each side where it has one. */
export const DiffLine = z.object({
  op: z.enum(['same', 'add', 'remove']),
  text: z.string(),
  oldLine: z.number().int().optional(),
  newLine: z.number().int().optional(),
});
export type DiffLine = z.infer<typeof DiffLine>;

/** A reason the API server (or the YAML parser) refused the object, at its field and line when known. */
export const FieldCause = z.object({
  /** The API server's field path, e.g. spec.template.spec.containers[0].image. */
  field: z.string().optional(),
  message: z.string(),
  reason: z.string().optional(),
  /** The line of the edited YAML the field is on (1-based). */
  line: z.number().int().optional(),
});
export type FieldCause = z.infer<typeof FieldCause>;

export const SaveYamlInput = KubeObjectRef.extend({
  /** The YAML as the user edited it. */
  yaml: z.string().max(4_000_000),
  /** The YAML the user started from (what objectYaml gave): what a rebase re-applies the edit against. */
  baseYaml: z.string().max(4_000_000),
  /** Ask the API server what it would store, and change nothing. */
  dryRun: z.boolean(),
  /** Save over a change made meanwhile: the edit goes in with the server's current resourceVersion. */
  overwrite: z.boolean().default(false),
});
export type SaveYamlInput = z.input<typeof SaveYamlInput>;

export const SaveYamlOutcome = z.discriminatedUnion('outcome', [
  /** What the API server would store, and its diff against the object as it is now. */
  z.object({ outcome: z.literal('dryRun'), yaml: z.string(), diff: z.array(DiffLine), changed: z.boolean() }),
  z.object({ outcome: z.literal('saved'), yaml: z.string(), resourceVersion: z.string() }),
  /**
   * The object changed since the user started (409): the server's version, what changed there since the base,
   * and the user's edit re-applied on it (absent where both changed the same field: `clashes` names them).
   */
  z.object({
    outcome: z.literal('conflict'),
    message: z.string(),
    serverYaml: z.string(),
    serverResourceVersion: z.string(),
    theirChanges: z.array(DiffLine),
    rebasedYaml: z.string().optional(),
    clashes: z.array(z.string()),
  }),
  /** Nothing saved: the YAML does not parse, names another object, or the API server refused it. */
  z.object({ outcome: z.literal('invalid'), message: z.string(), causes: z.array(FieldCause) }),
]);
export type SaveYamlOutcome = z.infer<typeof SaveYamlOutcome>;

// ---- Create from a form ---------------------------------------------------------------------------

const KeyValues = z.record(z.string().min(1).max(253), z.string().max(1_000_000));

export const CreateForm = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('Deployment'),
    name: DnsLabel,
    image: z.string().min(1),
    replicas: Replicas,
    port: PortNumber('Port').optional(),
  }),
  z.object({
    kind: z.literal('Service'),
    name: DnsLabel,
    type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']),
    /** The pods it sends to, by label. */
    selector: z.record(z.string().min(1), z.string()).refine((s) => Object.keys(s).length > 0, {
      error: 'A Service needs a selector (e.g. app=web).',
    }),
    port: PortNumber('Port'),
    targetPort: PortNumber('Target port'),
  }),
  z.object({ kind: z.literal('ConfigMap'), name: DnsLabel, data: KeyValues }),
  /** Values in plain text; main sends them as stringData (never logged). */
  z.object({ kind: z.literal('Secret'), name: DnsLabel, type: z.string().min(1).default('Opaque'), data: KeyValues }),
  z.object({
    kind: z.literal('Job'),
    name: DnsLabel,
    image: z.string().min(1),
    /** The command and its arguments; the image's own when empty. */
    command: z.array(z.string()).max(100).default([]),
    backoffLimit: z.number().int().min(0).max(100).default(0),
  }),
]);
export type CreateForm = z.input<typeof CreateForm>;

export const CreateFormInput = KubeTarget.extend({
  namespace: DnsLabel,
  form: CreateForm,
  dryRun: z.boolean().default(false),
});
export type CreateFormInput = z.input<typeof CreateFormInput>;

// ---- Rollouts, scale, CronJobs, delete ------------------------------------------------------------

export const RolloutRevision = z.object({
  revision: z.number().int(),
  /** The ReplicaSet (Deployment) or ControllerRevision (StatefulSet, DaemonSet) holding it. */
  name: z.string(),
  current: z.boolean(),
  /** The kubernetes.io/change-cause annotation, when someone set it. */
  changeCause: z.string().optional(),
  images: z.array(z.string()),
  createdAt: z.string().optional(),
});
export type RolloutRevision = z.infer<typeof RolloutRevision>;

export const PropagationPolicy = z.enum(['Foreground', 'Background', 'Orphan']);
export type PropagationPolicy = z.infer<typeof PropagationPolicy>;

/** An object that goes with a deleted one (ownerReferences, followed down). */
export const Dependent = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  /** 1 = owned by the object itself, 2 = owned by one of those... */
  depth: z.number().int().min(1),
});
export type Dependent = z.infer<typeof Dependent>;

// ---- Nodes ----------------------------------------------------------------------------------------

export const NodeTarget = KubeTarget.extend({ node: z.string().min(1) });

export const DrainOptions = NodeTarget.extend({
  /** Also delete pods no controller recreates (kubectl's --force). */
  force: z.boolean().default(false),
  /** Also evict pods with emptyDir volumes, whose data is lost (kubectl's --delete-emptydir-data). */
  deleteEmptyDirData: z.boolean().default(false),
  /** The pods' own grace period when absent. */
  gracePeriodSeconds: z.number().int().min(0).max(3600).optional(),
  /** How long to keep trying evictions a disruption budget refuses, and waiting for pods to go. */
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(600),
});
export type DrainOptions = z.input<typeof DrainOptions>;

export const PodName = z.object({ namespace: z.string(), name: z.string() });

/** What a drain would do on a node: kubectl's filters (DaemonSet and mirror pods skipped, some pods block). */
export const DrainPlan = z.object({
  evict: z.array(PodName),
  skipped: z.array(PodName.extend({ reason: z.string() })),
  /** Pods that stop the drain unless an option allows them; nothing is evicted while any is left. */
  blocked: z.array(PodName.extend({ reason: z.string() })),
});
export type DrainPlan = z.infer<typeof DrainPlan>;

// ---- RBAC -----------------------------------------------------------------------------------------

export const Verb = z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection']);
export type Verb = z.infer<typeof Verb>;

/** One question for SelfSubjectAccessReview: may I <verb> <group>/<resource>[/<subresource>] [<name>] [in <ns>]? */
export const AccessCheck = z.object({
  verb: Verb,
  group: z.string(),
  resource: z.string().min(1),
  subresource: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
});
export type AccessCheck = z.infer<typeof AccessCheck>;

export const AccessAnswer = AccessCheck.extend({
  allowed: z.boolean(),
  /** Why not, in one line the UI can show. */
  reason: z.string().optional(),
});
export type AccessAnswer = z.infer<typeof AccessAnswer>;

export const AccessRules = z.object({
  resourceRules: z.array(
    z.object({
      verbs: z.array(z.string()),
      apiGroups: z.array(z.string()),
      resources: z.array(z.string()),
      resourceNames: z.array(z.string()),
    }),
  ),
  /** The server could not evaluate every rule (e.g. an authorizer that cannot list): treat as a floor. */
  incomplete: z.boolean(),
});
export type AccessRules = z.infer<typeof AccessRules>;

export const kubeActions = {
  /** The object as YAML (managedFields left out) with its resourceVersion. */
  objectYaml: call(KubeObjectRef, ObjectYaml),
  /** Dry-runs or saves an edited YAML (a replace with the resourceVersion it was read at). */
  saveYaml: call(SaveYamlInput, SaveYamlOutcome),
  /** Creates a Deployment, Service, ConfigMap, Secret or Job from a small form. */
  createFromForm: call(CreateFormInput, z.object({ object: KubeObjectRef, yaml: z.string() })),

  /** Sets replicas through the scale subresource (deployments, statefulsets, replicasets, or any kind with one). */
  scaleObject: call(KubeObjectRef.extend({ replicas: Replicas }), z.object({ replicas: z.number() })),
  /** kubectl rollout restart: a restartedAt annotation on the pod template (Deployment, StatefulSet, DaemonSet). */
  rolloutRestart: call(KubeObjectRef, Ok),
  /** The revisions, newest first: ReplicaSets of a Deployment, ControllerRevisions of a StatefulSet/DaemonSet. */
  rolloutHistory: call(KubeObjectRef, z.array(RolloutRevision)),
  /** kubectl rollout undo: back to `toRevision`, or to the one before the current when 0. */
  rolloutUndo: call(
    KubeObjectRef.extend({ toRevision: z.number().int().min(0).default(0) }),
    z.object({ revision: z.number() }),
  ),
  /** kubectl rollout pause / resume (Deployments). */
  rolloutPause: call(KubeObjectRef.extend({ paused: z.boolean() }), Ok),
  /** kubectl create job --from=cronjob/<name>: a Job from its template, now. */
  cronJobRun: call(KubeObjectRef.extend({ jobName: DnsLabel.optional() }), z.object({ job: z.string() })),
  cronJobSuspend: call(KubeObjectRef.extend({ suspend: z.boolean() }), Ok),
  /** What would go with the object if deleted: the objects it owns, and theirs (as far as Berth looks). */
  dependents: call(KubeObjectRef, z.array(Dependent)),
  deleteObject: call(KubeObjectRef.extend({ propagationPolicy: PropagationPolicy }), Ok),

  /** Marks a node (un)schedulable: kubectl cordon / uncordon. */
  cordon: call(NodeTarget.extend({ unschedulable: z.boolean() }), Ok),
  /** What a drain would evict, skip, and what blocks it. */
  drainPlan: call(DrainOptions, DrainPlan),
  /** Cordons and drains a node through the eviction API, as a task (per-pod steps; cancel stops it). */
  drain: call(DrainOptions, TaskStarted),

  /** SelfSubjectAccessReview for each check: what the user may do. */
  access: call(KubeTarget.extend({ checks: z.array(AccessCheck).min(1).max(50) }), z.array(AccessAnswer)),
  /** SelfSubjectRulesReview: every rule the user has in a namespace. */
  accessRules: call(KubeTarget.extend({ namespace: z.string().min(1) }), AccessRules),
} as const;
