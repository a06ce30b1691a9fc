/** Groups pods by the node they run on, for the cluster map; unscheduled pods get their own lane. */
import type { KubeNode, KubePod } from '../../../contract/kube';

export const UNSCHEDULED = '';

export interface NodeLane {
  /** Node name, or UNSCHEDULED. */
  name: string;
  node: KubeNode | undefined;
  pods: KubePod[];
}

/**
 * A lane's pod order: by name, then by id (with all namespaces shown, two pods on one node can share a name),
 * so the order is the same however the lane's pods came in (podMap.ts sorts a lane it follows with it too).
 */
export const byName = (a: KubePod, b: KubePod): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Each lane's pods as a set, made once per lane object (a lane that is kept is asked again next frame). */
const podSets = new WeakMap<NodeLane, ReadonlySet<KubePod>>();
const podSetOf = (lane: NodeLane): ReadonlySet<KubePod> => {
  let set = podSets.get(lane);
  if (!set) podSets.set(lane, (set = new Set(lane.pods)));
  return set;
};

/**
 * A lane for every node and one for unscheduled pods (first), nodes by name, pods by name then id (byName). A
 * lane whose node and pod objects are the same as its lane in `previous` is that previous lane object,
 * unsorted again: a memoised node box skips it, and a watch event costs the sort of the lanes it touched, not
 * of all 10,000 pods.
 */
export function layoutPods(
  nodes: Iterable<KubeNode>,
  pods: Iterable<KubePod>,
  previous: readonly NodeLane[] = [],
): NodeLane[] {
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
  const before = new Map(previous.map((lane) => [lane.name, lane]));
  const settled = (lane: NodeLane): NodeLane => {
    const old = before.get(lane.name);
    if (old && old.node === lane.node && old.pods.length === lane.pods.length) {
      const had = podSetOf(old);
      if (lane.pods.every((pod) => had.has(pod))) return old;
    }
    lane.pods.sort(byName);
    return lane;
  };
  const out = [...lanes.values()].sort((a, b) => a.name.localeCompare(b.name));
  return [settled(unscheduled), ...out.map(settled)];
}

/** What a pod's chip says on hover and to a screen reader. */
export const podLabel = (pod: KubePod): string =>
  `${pod.name}: ${pod.display}${pod.reason ? ` (${pod.reason})` : ''}${pod.node ? ` on ${pod.node}` : ''}`;

/** How many of `pods` are in each display phase. */
export function countPhases(pods: Iterable<KubePod>): Map<KubePod['display'], number> {
  const counts = new Map<KubePod['display'], number>();
  for (const pod of pods) counts.set(pod.display, (counts.get(pod.display) ?? 0) + 1);
  return counts;
}

/** A pod colour class per display phase. */
export const phaseClass = (display: KubePod['display']): string => `phase-${display.toLowerCase()}`;
