/**
 * Pods that run, and Services: a pod container's log (followed, previous run, timestamps), a shell in a
 * container (exec with a TTY), port-forwards to a pod or a Service that main owns and lists, pod delete
 * (restart = delete a pod a controller recreates), EndpointSlices, and exposing a deployment as a Service.
 * Spread into the `kube` domain by contract/kube.ts.
 */
import { z } from 'zod';
import { call, stream } from './define';
import { collectionEvent, Ok } from './collection';
import { LogLine, TerminalEvent } from './containers';
import { LogSessionEvent } from './logs';
import { DnsLabel, DnsSubdomain, KubeTarget, NamespacedTarget, ObjectRef, PortNumber } from './kubeBase';

// ---- Logs -----------------------------------------------------------------------------------------

export const PodLogsInput = ObjectRef.extend({
  /** A container or init container; the pod's default container when empty. */
  container: z.string().optional(),
  follow: z.boolean().default(true),
  /** How many of the last lines to send first; 'all' for the whole log. */
  tailLines: z.union([z.number().int().min(1).max(1_000_000), z.literal('all')]).default(1000),
  /** The log of the container's previous run: why it restarted. */
  previous: z.boolean().default(false),
  timestamps: z.boolean().default(false),
});
export type PodLogsInput = z.input<typeof PodLogsInput>;

export const PodLogsEvent = z.object({
  lines: z.array(LogLine),
  /** Lines main dropped because they came faster than they could be delivered. */
  dropped: z.number().int().min(0),
});
export type PodLogsEvent = z.infer<typeof PodLogsEvent>;

/** A pod container's whole log as a log session (contract/logs.ts): followed unless `previous`. */
export const PodLogSessionInput = ObjectRef.extend({
  /** A container or init container; the pod's default container when empty. */
  container: z.string().optional(),
  /** The log of the container's previous run: why it restarted. */
  previous: z.boolean().default(false),
});
export type PodLogSessionInput = z.input<typeof PodLogSessionInput>;

// ---- Exec -----------------------------------------------------------------------------------------

const TermSize = { cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) };
const SessionId = z.string().min(1).max(100);

export const PodExecInput = ObjectRef.extend({
  /** The pod's default container when empty. */
  container: z.string().optional(),
  /** Runs this command; without it, a shell: /bin/bash, else /bin/sh. */
  command: z.array(z.string()).min(1).max(100).optional(),
  tty: z.boolean().default(true),
  ...TermSize,
});
export type PodExecInput = z.input<typeof PodExecInput>;

// ---- Port-forward ---------------------------------------------------------------------------------

export const ForwardKind = z.enum(['pod', 'service']);

export const PortForwardInput = KubeTarget.extend({
  namespace: DnsLabel,
  kind: ForwardKind,
  name: DnsSubdomain,
  /** The pod's container port, or the Service's port. */
  port: PortNumber('Port'),
  /** The local port on 127.0.0.1; 0 picks a free one. */
  localPort: z
    .number({ error: 'Local port must be a number.' })
    .int({ error: 'Local port must be a whole number.' })
    .min(0, { error: 'Local port must be between 0 and 65535.' })
    .max(65535, { error: 'Local port must be between 0 and 65535.' })
    .default(0),
});
export type PortForwardInput = z.input<typeof PortForwardInput>;

export const KubePortForward = z.object({
  id: z.string(),
  context: z.string(),
  namespace: z.string(),
  kind: ForwardKind,
  name: z.string(),
  port: z.number(),
  localPort: z.number(),
  /** http://127.0.0.1:<localPort>/ */
  url: z.string(),
  startedAt: z.string(),
  /** Connections so far, and open now. */
  connections: z.number(),
  active: z.number(),
  /** The pod the latest connection went to (for a Service: the endpoint it picked). */
  pod: z.string().optional(),
  /** Why the latest connection failed, if it did. */
  error: z.string().optional(),
  /** How the latest connection reached the kubelet: SPDY as kubectl does, else the WebSocket fallback. */
  transport: z.enum(['spdy', 'websocket']).optional(),
});
export type KubePortForward = z.infer<typeof KubePortForward>;

// ---- Services -------------------------------------------------------------------------------------

export const KubeEndpointSlice = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  /** The Service it belongs to (its kubernetes.io/service-name label). */
  service: z.string(),
  ready: z.number(),
  total: z.number(),
  /** Pods of the ready endpoints. */
  readyPods: z.array(z.string()),
  ports: z.array(z.object({ name: z.string().optional(), port: z.number().optional(), protocol: z.string() })),
});
export type KubeEndpointSlice = z.infer<typeof KubeEndpointSlice>;

export const ExposeInput = ObjectRef.extend({
  /** The Service's name; the deployment's when empty. */
  service: DnsLabel.optional(),
  type: z.enum(['ClusterIP', 'NodePort']).default('ClusterIP'),
  port: PortNumber('Port'),
  /** The container port; the same as `port` when empty. */
  targetPort: PortNumber('Target port').optional(),
});
export type ExposeInput = z.input<typeof ExposeInput>;

export const kubePods = {
  /** A pod container's log: the last lines, then new lines while `follow`; or its previous run's log. */
  podLogs: stream(PodLogsInput, PodLogsEvent),
  /** A pod container's whole log, kept by main while subscribed: see containers.logSession. */
  podLogSession: stream(PodLogSessionInput, LogSessionEvent),
  /** A command or shell in a pod's container (the exec API); write and resize with execWrite/execResize. */
  exec: stream(PodExecInput, TerminalEvent),
  execWrite: call(z.object({ sessionId: SessionId, data: z.string().max(1_000_000) }), Ok),
  execResize: call(z.object({ sessionId: SessionId, ...TermSize }), Ok),
  /** Deletes a pod; a pod a controller owns is recreated (that is what "restart" does). */
  deletePod: call(ObjectRef, Ok),
  /** Listens on 127.0.0.1 and forwards each connection to the pod, or to a ready pod behind the Service. */
  portForward: call(PortForwardInput, KubePortForward),
  stopPortForward: call(z.object({ id: z.string().min(1) }), Ok),
  /** Every active port-forward (main owns them; they stop when Berth quits). */
  portForwards: stream(z.void(), collectionEvent(KubePortForward)),
  endpointSlices: stream(NamespacedTarget, collectionEvent(KubeEndpointSlice)),
  /** Creates a Service selecting the deployment's pods (kubectl expose deployment). */
  expose: call(ExposeInput, z.object({ service: z.string() })),
} as const;
