/**
 * The Kubernetes and kind part of the contract: contexts from the kubeconfig, kind clusters, live lists of
 * nodes and workloads (list + watch), scaling through the scale subresource, deploy, apply and delete.
 */
import { z } from 'zod';
import { call, stream } from './define';
import { collectionEvent, Ok, TaskStarted } from './collection';
import { DnsLabel, KubeconfigPath, KubeTarget, NamespacedTarget, ObjectRef, Replicas } from './kubeBase';
import { kubePods } from './kubePods';
import { kubeObjects } from './kubeObjects';
import { kubeActions } from './kubeActions';

export { DnsLabel, KubeTarget, MAX_REPLICAS, NamespacedTarget, ObjectRef, Replicas } from './kubeBase';

export const KubeContext = z.object({
  name: z.string(),
  cluster: z.string(),
  server: z.string().optional(),
  namespace: z.string().optional(),
  user: z.string().optional(),
  /** How the context's user authenticates: the kind of credential only, never the credential itself. */
  auth: z.enum(['clientCertificate', 'token', 'tokenFile', 'exec', 'authProvider', 'basic', 'none']),
  /** The exec credential plugin's program name, for `auth: 'exec'`. */
  execCommand: z.string().optional(),
  /** insecure-skip-tls-verify: the server's certificate is not checked (the UI warns). */
  insecure: z.boolean(),
  /** The cluster's proxy-url, without user or password. */
  proxyUrl: z.string().optional(),
  current: z.boolean(),
  /** The context belongs to a kind cluster (its name is `kind-<cluster>` and kind knows that cluster). */
  kind: z.boolean(),
  kindCluster: z.string().optional(),
});
export type KubeContext = z.infer<typeof KubeContext>;

export const ClusterStatus = z.object({
  context: z.string(),
  server: z.string().optional(),
  reachable: z.literal(true),
  version: z.string(),
  platform: z.string().optional(),
});
export type ClusterStatus = z.infer<typeof ClusterStatus>;

const Quantities = z.object({ cpu: z.string(), memory: z.string(), pods: z.string() });

export const KubeCondition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export const KubeNode = z.object({
  name: z.string(),
  roles: z.array(z.string()),
  status: z.enum(['Ready', 'NotReady', 'Unknown']),
  unschedulable: z.boolean(),
  version: z.string(),
  internalIP: z.string().optional(),
  osImage: z.string().optional(),
  runtime: z.string().optional(),
  capacity: Quantities,
  allocatable: Quantities,
  /** `allocatable` as numbers: cores, bytes, pods (what a pod's requests are measured against). */
  allocatableAmounts: z.object({ cpu: z.number(), memory: z.number(), pods: z.number() }),
  conditions: z.array(KubeCondition),
  createdAt: z.string().optional(),
  /** For kind clusters: the Docker container that is this node. */
  container: z.string().optional(),
});
export type KubeNode = z.infer<typeof KubeNode>;

/** What the cluster map colours a pod by. */
export const PodDisplayPhase = z.enum([
  'Pending',
  'ContainerCreating',
  'Running',
  'Succeeded',
  'Failed',
  'Terminating',
  'Unknown',
]);
export type PodDisplayPhase = z.infer<typeof PodDisplayPhase>;

/** How a container last ended: kubectl's "Last State". */
export const ContainerTermination = z.object({
  reason: z.string().optional(),
  exitCode: z.number().optional(),
  signal: z.number().optional(),
  message: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
});
export type ContainerTermination = z.infer<typeof ContainerTermination>;

export const ContainerPort = z.object({
  name: z.string().optional(),
  containerPort: z.number(),
  protocol: z.string(),
});
export type ContainerPort = z.infer<typeof ContainerPort>;

export const PodContainer = z.object({
  name: z.string(),
  image: z.string(),
  ready: z.boolean(),
  state: z.enum(['running', 'waiting', 'terminated', 'unknown']),
  /** Waiting or terminated reason: CrashLoopBackOff, ImagePullBackOff, ErrImagePull, OOMKilled, Error, Completed. */
  reason: z.string().optional(),
  message: z.string().optional(),
  /** When terminated. */
  exitCode: z.number().optional(),
  restarts: z.number(),
  startedAt: z.string().optional(),
  /** How the previous run of this container ended (after a restart). */
  lastState: ContainerTermination.optional(),
  ports: z.array(ContainerPort),
});
export type PodContainer = z.infer<typeof PodContainer>;

export const KubePod = z.object({
  /** `namespace/name` */
  id: z.string(),
  uid: z.string(),
  name: z.string(),
  namespace: z.string(),
  node: z.string().optional(),
  phase: z.string(),
  display: PodDisplayPhase,
  reason: z.string().optional(),
  ready: z.string(),
  restarts: z.number(),
  ip: z.string().optional(),
  owner: z.object({ kind: z.string(), name: z.string() }).optional(),
  labels: z.record(z.string(), z.string()),
  containers: z.array(PodContainer),
  /** Init containers, in the order they run. */
  initContainers: z.array(PodContainer),
  conditions: z.array(KubeCondition),
  createdAt: z.string().optional(),
  /** What the pod asks of its node, as the scheduler counts it: cores and bytes. */
  requests: z.object({ cpu: z.number(), memory: z.number() }),
});
export type KubePod = z.infer<typeof KubePod>;

export const KubeDeployment = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  replicas: z.number(),
  ready: z.number(),
  updated: z.number(),
  available: z.number(),
  images: z.array(z.string()),
  selector: z.record(z.string(), z.string()),
  conditions: z.array(KubeCondition),
  createdAt: z.string().optional(),
});
export type KubeDeployment = z.infer<typeof KubeDeployment>;

export const KubeReplicaSet = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  owner: z.string().optional(),
  replicas: z.number(),
  ready: z.number(),
  revision: z.string().optional(),
  images: z.array(z.string()),
  createdAt: z.string().optional(),
});
export type KubeReplicaSet = z.infer<typeof KubeReplicaSet>;

export const ServicePort = z.object({
  name: z.string().optional(),
  port: z.number(),
  /** A number, or the name of a container port. */
  targetPort: z.union([z.number(), z.string()]).optional(),
  protocol: z.string(),
  nodePort: z.number().optional(),
});
export type ServicePort = z.infer<typeof ServicePort>;

export const KubeService = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  type: z.string(),
  clusterIP: z.string().optional(),
  ports: z.array(ServicePort),
  selector: z.record(z.string(), z.string()),
  createdAt: z.string().optional(),
});
export type KubeService = z.infer<typeof KubeService>;

export const KubeEvent = z.object({
  id: z.string(),
  namespace: z.string(),
  type: z.string(),
  reason: z.string(),
  message: z.string(),
  /** `fieldPath` names the container, e.g. spec.containers{web}, when the event is about one. */
  object: z.object({ kind: z.string(), name: z.string(), fieldPath: z.string().optional() }),
  count: z.number(),
  lastSeen: z.string().optional(),
});
export type KubeEvent = z.infer<typeof KubeEvent>;

/** What metrics-server says a node uses (cores, bytes); `available` is false where it is not installed. */
export const NodeMetrics = z.object({
  available: z.boolean(),
  reason: z.string().optional(),
  nodes: z.array(z.object({ name: z.string(), cpu: z.number(), memory: z.number(), at: z.string().optional() })),
});
export type NodeMetrics = z.infer<typeof NodeMetrics>;

export const KubeNamespace = z.object({ name: z.string(), phase: z.string() });
export type KubeNamespace = z.infer<typeof KubeNamespace>;

export const DeployInput = KubeTarget.extend({
  namespace: DnsLabel,
  name: DnsLabel,
  image: z.string().min(1),
  replicas: Replicas,
  ports: z.array(z.number().int().min(1).max(65535)).max(20).default([]),
  /** Also create a Service for the ports. */
  service: z.enum(['none', 'ClusterIP', 'NodePort']).default('none'),
  /** Create the namespace when it does not exist. */
  createNamespace: z.boolean().default(true),
  /**
   * Let pods run on control-plane nodes too (a toleration of their NoSchedule taint): on a local kind
   * cluster of one control plane and a few workers, that is one more node to use.
   */
  onControlPlane: z.boolean().default(false),
  /** IfNotPresent for an image loaded into kind's nodes (a `:latest` tag would otherwise always be pulled). */
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
});
export type DeployInput = z.input<typeof DeployInput>;

export const ApplyResult = z.object({
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  action: z.enum(['created', 'configured', 'unchanged', 'failed']),
  message: z.string().optional(),
});
export type ApplyResult = z.infer<typeof ApplyResult>;

export const PortMapping = z.object({
  containerPort: z.number().int().min(1).max(65535),
  hostPort: z.number().int().min(0).max(65535),
  listenAddress: z.string().min(1).default('127.0.0.1'),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
});

export const KindName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, {
    error: 'Use lower-case letters, digits, dots and dashes; start and end with a letter or digit.',
  });

export const KindCreateInput = z.object({
  name: KindName,
  controlPlanes: z.number().int().min(1).max(5).default(1),
  workers: z.number().int().min(0).max(20).default(0),
  /** e.g. kindest/node:v1.33.1; empty for kind's default. */
  image: z.string().optional(),
  ports: z.array(PortMapping).max(20).default([]),
});
export type KindCreateInput = z.input<typeof KindCreateInput>;

export const KindNode = z.object({
  name: z.string(),
  role: z.string(),
  containerId: z.string(),
  state: z.string(),
  image: z.string(),
});

export const KindCluster = z.object({
  name: z.string(),
  nodes: z.array(KindNode),
  context: z.string(),
});
export type KindCluster = z.infer<typeof KindCluster>;

export const kube = {
  /** Every context of the kubeconfig (KUBECONFIG, ~/.kube/config, or the given file). */
  contexts: call(z.object({ kubeconfig: KubeconfigPath }).optional(), z.array(KubeContext)),
  /** Asks the cluster for its version; fails with cluster_unreachable when it does not answer. */
  status: call(KubeTarget, ClusterStatus),
  namespaces: stream(KubeTarget, collectionEvent(KubeNamespace)),
  nodes: stream(KubeTarget, collectionEvent(KubeNode)),
  /** The nodes' current CPU and memory use from metrics.k8s.io (metrics-server), once; not there without it. */
  nodeMetrics: call(KubeTarget, NodeMetrics),
  pods: stream(NamespacedTarget, collectionEvent(KubePod)),
  deployments: stream(NamespacedTarget, collectionEvent(KubeDeployment)),
  replicaSets: stream(NamespacedTarget, collectionEvent(KubeReplicaSet)),
  services: stream(NamespacedTarget, collectionEvent(KubeService)),
  events: stream(NamespacedTarget, collectionEvent(KubeEvent)),
  /** Sets a deployment's replicas through its scale subresource. */
  scale: call(ObjectRef.extend({ replicas: Replicas }), z.object({ replicas: z.number() })),
  deploy: call(DeployInput, z.object({ deployment: z.string(), service: z.string().optional() })),
  deleteDeployment: call(ObjectRef, Ok),
  deleteNamespace: call(KubeTarget.extend({ name: DnsLabel }), Ok),
  /** Applies a multi-document YAML (server-side apply); a syntax error applies nothing. */
  apply: call(
    KubeTarget.extend({ namespace: z.string().default('default'), yaml: z.string().max(4_000_000) }),
    z.array(ApplyResult),
  ),

  kindClusters: call(z.void(), z.array(KindCluster)),
  /** Local images that are kind node images (for air-gapped machines; empty = kind's default image). */
  kindNodeImages: call(z.void(), z.array(z.string())),
  /** The kind config (v1alpha4) Berth would create the cluster with. */
  kindConfig: call(KindCreateInput, z.object({ yaml: z.string() })),
  kindCreate: call(KindCreateInput, TaskStarted),
  kindDelete: call(z.object({ name: KindName }), TaskStarted),
  /** `kind load docker-image` a local image into a kind cluster's nodes. */
  kindLoad: call(
    z.object({
      cluster: KindName,
      /** An image reference, never something kind would read as a flag (`--nodes=…`). */
      image: z
        .string()
        .min(1)
        .max(512)
        .regex(/^[a-zA-Z0-9][a-zA-Z0-9._:/@+-]*$/, 'An image reference: letters, digits, and _ . : / @ + -'),
    }),
    TaskStarted,
  ),

  /** Logs, shell, port-forwards, pod actions, endpoint slices and expose: contract/kubePods.ts. */
  ...kubePods,

  /** Any kind through the one resource model (kinds, live rows, one object, a Secret value): contract/kubeObjects.ts. */
  ...kubeObjects,
  /** YAML edit, create from a form, rollouts, scale of any kind, delete, node maintenance, RBAC: contract/kubeActions.ts. */
  ...kubeActions,
} as const;
