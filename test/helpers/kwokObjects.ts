/**
 * The kwok objects the kube bench items (and a map test) make: fake nodes (kwok runs their pods without
 * processes) with a label of the item's own, and a namespace holding one deployment at zero replicas to scale.
 */

/** Pods one fake node takes. */
export const PODS_PER_NODE = 500;

/** A fake node named `name`, labelled `label` (`key=value`) so the item can delete exactly its own. */
export const fakeNodeYaml = (name: string, label: string): string => {
  const [key, value] = label.split('=');
  return `---
apiVersion: v1
kind: Node
metadata:
  name: ${name}
  annotations: { node.alpha.kubernetes.io/ttl: "0", kwok.x-k8s.io/node: fake }
  labels: { ${key}: ${value}, kubernetes.io/hostname: ${name}, kubernetes.io/os: linux, kubernetes.io/arch: amd64 }
spec: {}
status:
  allocatable: { cpu: "256", memory: 1Ti, pods: "${PODS_PER_NODE}" }
  capacity: { cpu: "256", memory: 1Ti, pods: "${PODS_PER_NODE}" }
  nodeInfo: { architecture: amd64, containerRuntimeVersion: kwok, kubeletVersion: fake, operatingSystem: linux, bootID: "", kernelVersion: "", kubeProxyVersion: fake, machineID: "", osImage: "", systemUUID: "" }
  phase: Running
`;
};

/** `namespace` with a deployment `name` (label app=`name`) at zero replicas, tolerating every taint. */
export const scalableDeploymentYaml = (namespace: string, name: string): string => `apiVersion: v1
kind: Namespace
metadata: { name: ${namespace} }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  replicas: 0
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers: [{ name: c, image: berth-fixture/busybox:latest, command: ["sleep", "3600"] }]
      tolerations: [{ operator: Exists }]
`;
