/** The kind cluster config (kind.x-k8s.io/v1alpha4) for the create dialog's choices. */
import { stringify } from 'yaml';
import { KindCreateInput } from '../../../contract/kube';

interface KindNodeConfig {
  role: 'control-plane' | 'worker';
  image?: string;
  extraPortMappings?: Array<{ containerPort: number; hostPort: number; listenAddress: string; protocol: string }>;
}

export function kindConfigObject(input: KindCreateInput) {
  const spec = KindCreateInput.parse(input);
  const image = spec.image?.trim() || undefined;
  const nodes: KindNodeConfig[] = [];
  for (let i = 0; i < spec.controlPlanes; i++) {
    const node: KindNodeConfig = { role: 'control-plane' };
    if (image) node.image = image;
    // Host ports can be bound once: they go on the first control-plane node.
    if (i === 0 && spec.ports.length) {
      node.extraPortMappings = spec.ports.map((p) => ({
        containerPort: p.containerPort,
        hostPort: p.hostPort,
        listenAddress: p.listenAddress,
        protocol: p.protocol,
      }));
    }
    nodes.push(node);
  }
  for (let i = 0; i < spec.workers; i++) nodes.push(image ? { role: 'worker', image } : { role: 'worker' });
  return { kind: 'Cluster', apiVersion: 'kind.x-k8s.io/v1alpha4', name: spec.name, nodes };
}

export const kindConfigYaml = (input: KindCreateInput): string => stringify(kindConfigObject(input));

/** How many ✓ steps a successful `kind create cluster` prints for this shape, for the progress bar. */
export function expectedCreateSteps(input: KindCreateInput): number {
  const spec = KindCreateInput.parse(input);
  // Ensuring node image, Preparing nodes, Writing configuration, Starting control-plane, Installing CNI,
  // Installing StorageClass, then Joining more control-plane nodes / Joining worker nodes, then Waiting for
  // the control-plane to be Ready (--wait).
  return 7 + (spec.controlPlanes > 1 ? 1 : 0) + (spec.workers > 0 ? 1 : 0);
}
