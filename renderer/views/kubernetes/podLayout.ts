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

/**
 * `next` with every lane that holds the same node and the same pod objects in the same order as its lane
 * in `previous` replaced by that previous lane object, so a memoised node box skips it: a watch event
 * re-renders the lanes it touched, not all 10,000 chips.
 */
export function keepUnchangedLanes(previous: readonly NodeLane[], next: NodeLane[]): NodeLane[] {
  const before = new Map(previous.map((lane) => [lane.name, lane]));
  return next.map((lane) => {
    const old = before.get(lane.name);
    const same =
      old !== undefined &&
      old.node === lane.node &&
      old.pods.length === lane.pods.length &&
      old.pods.every((pod, i) => pod === lane.pods[i]);
    return same ? old : lane;
  });
}

/** The ids of a lane's pods that are fading out, as one string: equal strings let its node box skip. */
export const leavingIn = (lane: NodeLane, leaving: ReadonlySet<string>): string =>
  leaving.size === 0
    ? ''
    : lane.pods
        .filter((p) => leaving.has(p.id))
        .map((p) => p.id)
        .join('\n');

/** A pod colour class per display phase. */
export const phaseClass = (display: KubePod['display']): string => `phase-${display.toLowerCase()}`;
