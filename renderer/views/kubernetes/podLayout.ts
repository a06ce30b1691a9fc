/** Groups pods by the node they run on, for the cluster map; unscheduled pods get their own lane. */
import type { KubeNode, KubePod } from '../../../contract/kube';

export const UNSCHEDULED = '';

export interface NodeLane {
  /** Node name, or UNSCHEDULED. */
  name: string;
  node: KubeNode | undefined;
  pods: KubePod[];
}

const byName = (a: KubePod, b: KubePod) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function layoutPods(nodes: Iterable<KubeNode>, pods: Iterable<KubePod>): NodeLane[] {
  const lanes = new Map<string, NodeLane>();
  for (const node of nodes) lanes.set(node.name, { name: node.name, node, pods: [] });
  const unscheduled: NodeLane = { name: UNSCHEDULED, node: undefined, pods: [] };
  for (const pod of pods) {
    if (!pod.node) {
      unscheduled.pods.push(pod);
      continue;
    }
    let lane = lanes.get(pod.node);
    if (!lane) {
      // A pod on a node the node list does not (yet) have: show it anyway.
      lane = { name: pod.node, node: undefined, pods: [] };
      lanes.set(pod.node, lane);
    }
    lane.pods.push(pod);
  }
  const out = [...lanes.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const lane of out) lane.pods.sort(byName);
  unscheduled.pods.sort(byName);
  return [unscheduled, ...out];
}

/** A pod colour class per display phase. */
export const phaseClass = (display: KubePod['display']): string => `phase-${display.toLowerCase()}`;
