/**
 * Small helpers for the kube action tests: apply a YAML with kubectl (the independent side), read a field
 * with kubectl's jsonpath, and name objects as KubeObjectRef for the cluster under test.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObjectRef } from '../../contract/kubeBase';
import { kubectl, type KubeCluster } from './kubeCluster';

/** kubectl apply -f of a YAML text. */
export async function kubectlApply(yaml: string, ...args: string[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-apply-'));
  const file = join(dir, 'manifest.yaml');
  writeFileSync(file, yaml);
  try {
    return await kubectl('apply', '-f', file, ...args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One field of an object, by kubectl's jsonpath. */
export const jsonpath = (kindName: string, namespace: string | undefined, path: string): Promise<string> =>
  kubectl('get', kindName, ...(namespace ? ['-n', namespace] : []), '-o', `jsonpath={${path}}`);

const WHERE: Record<string, { group: string; version: string }> = {
  deployments: { group: 'apps', version: 'v1' },
  statefulsets: { group: 'apps', version: 'v1' },
  daemonsets: { group: 'apps', version: 'v1' },
  replicasets: { group: 'apps', version: 'v1' },
  cronjobs: { group: 'batch', version: 'v1' },
  jobs: { group: 'batch', version: 'v1' },
  configmaps: { group: '', version: 'v1' },
  pods: { group: '', version: 'v1' },
  nodes: { group: '', version: 'v1' },
};

/** A KubeObjectRef of the test cluster for one of the kinds above. */
export function refOf(
  cluster: KubeCluster,
  resource: string,
  namespace: string | undefined,
  name: string,
): KubeObjectRef {
  const where = WHERE[resource];
  if (!where) throw new Error(`refOf: add ${resource}`);
  return {
    context: cluster.context,
    kubeconfig: cluster.kubeconfig,
    ...where,
    resource,
    ...(namespace ? { namespace } : {}),
    name,
  };
}

/** A Deployment of kwok pods (any image: kwok runs nothing). */
export const deploymentYaml = (namespace: string, name: string, replicas = 1, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${extra}      containers:
        - name: main
          image: berth-fixture/busybox:1
`;

/** The taint on a test's own kwok node: only pods that tolerate it (the test's) land there. */
export const DRAIN_TAINT = 'berth.test/drain';
export const drainToleration = `[{key: ${DRAIN_TAINT}, operator: Exists, effect: NoSchedule}]`;

/** A kwok node of a test's own, tainted so no other test's pods are scheduled on it. */
export const kwokNodeYaml = (name: string) => `
apiVersion: v1
kind: Node
metadata:
  name: ${name}
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {type: berth-drain-test, kubernetes.io/hostname: ${name}, kubernetes.io/os: linux}
spec:
  taints: [{key: ${DRAIN_TAINT}, value: only, effect: NoSchedule}]
status:
  allocatable: {cpu: "32", memory: 256Gi, pods: "110"}
  capacity: {cpu: "32", memory: 256Gi, pods: "110"}
`;

/** A Deployment `name` (label app=`name`) of `replicas` pods pinned to `node`, tolerating `tolerations`. */
export const pinnedDeploymentYaml = (
  namespace: string,
  name: string,
  node: string,
  replicas: number,
  tolerations = '[{operator: Exists}]',
) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      nodeSelector: {kubernetes.io/hostname: ${node}}
      tolerations: ${tolerations}
      containers: [{name: main, image: berth-fixture/busybox:1}]
`;

/** A Deployment of `replicas` pods pinned to `node`, and a PodDisruptionBudget asking `minAvailable` of them. */
export const guardedYaml = (namespace: string, node: string, replicas: number, minAvailable: number) => `
${pinnedDeploymentYaml(namespace, 'guarded', node, replicas, drainToleration)}---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: guarded, namespace: ${namespace}}
spec:
  minAvailable: ${minAvailable}
  selector: {matchLabels: {app: guarded}}
`;
