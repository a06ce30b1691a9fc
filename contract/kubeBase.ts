/**
 * The schemas every Kubernetes call names its target with: a kubeconfig context, a namespace, an object.
 * Shared by contract/kube.ts and contract/kubePods.ts (so neither imports the other's domain object).
 */
import { z } from 'zod';

/** A DNS-1123 label: what Kubernetes accepts as a deployment, service or namespace name. */
export const DnsLabel = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
    error: 'Use lower-case letters, digits and dashes; start and end with a letter or digit.',
  });

/** A DNS-1123 subdomain: what Kubernetes accepts as a pod's or most other objects' name. */
export const DnsSubdomain = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, {
    error: 'Use lower-case letters, digits, dashes and dots; start and end with a letter or digit.',
  });

/** An explicit kubeconfig path (tests, or a file the user picked); else KUBECONFIG, else ~/.kube/config. */
export const KubeconfigPath = z.string().min(1).optional();

export const KubeTarget = z.object({ context: z.string().min(1), kubeconfig: KubeconfigPath });
export type KubeTarget = z.infer<typeof KubeTarget>;

export const NamespacedTarget = KubeTarget.extend({
  /** A namespace, or '' for all namespaces. */
  namespace: z.union([z.literal(''), DnsLabel]),
});
export type NamespacedTarget = z.infer<typeof NamespacedTarget>;

/** One namespaced object: a pod, a deployment, a service. */
export const ObjectRef = KubeTarget.extend({ namespace: DnsLabel, name: DnsSubdomain });
export type ObjectRef = z.infer<typeof ObjectRef>;

/** A TCP/UDP port number, with messages a form can show. */
export const PortNumber = (field: string) =>
  z
    .number({ error: `${field} must be a number.` })
    .int({ error: `${field} must be a whole number.` })
    .min(1, { error: `${field} must be between 1 and 65535.` })
    .max(65535, { error: `${field} must be between 1 and 65535.` });

/** The most replicas one scale request may ask for; the UI confirms anything above its own lower cap. */
export const MAX_REPLICAS = 10_000;
export const Replicas = z
  .number({ error: 'Replicas must be a number.' })
  .int({ error: 'Replicas must be a whole number.' })
  .min(0, { error: 'Replicas cannot be negative.' })
  .max(MAX_REPLICAS, { error: `Replicas cannot exceed ${MAX_REPLICAS}.` });

/**
 * Any object of any kind, namespaced or cluster-scoped, named the way the API server's paths name it
 * (group '' for the core group, the plural resource): what the resource model, YAML edit and the actions
 * menu all use to say which object they mean.
 */
export const KubeObjectRef = KubeTarget.extend({
  group: z.string(),
  version: z.string().min(1),
  resource: z.string().min(1),
  /** Absent for cluster-scoped kinds (nodes, namespaces, cluster roles...). */
  namespace: DnsLabel.optional(),
  name: z.string().min(1),
});
export type KubeObjectRef = z.infer<typeof KubeObjectRef>;
