/**
 * The cluster map's model, kept up to date by the pods a change names: the lanes (layoutPods' output), the
 * legend's counts and which lane each fading pod is in. A watch event touching a few pods costs the lanes
 * those pods were and are in, not a pass over all 10,000 (the regroup, the recount and the fading scan were
 * each one per change). When it cannot follow a change (the node list changed, a version of the pod list
 * was skipped, a snapshot came) it lays everything out again, which gives the same result.
 */
import type { KubeNode, KubePod } from '../../../contract/kube';
import type { CollectionDelta } from '../../stores/collectionStore';
import { byName, layoutPods, UNSCHEDULED, type NodeLane } from './podLayout';

type Phase = KubePod['display'];

const laneOf = (pod: KubePod): string => pod.node || UNSCHEDULED;

export interface PodMapView {
  /**
   * As layoutPods gives them: unscheduled first, then by name, each lane's pods by name then id; an untouched
   * lane is the same object.
   */
  lanes: readonly NodeLane[];
  /** The drawn pods (fading ones included) per display phase. */
  counts: ReadonlyMap<Phase, number>;
  /** Per lane, the ids of its fading pods joined by newlines (leavingIn's form); lanes without any absent. */
  leavingByLane: ReadonlyMap<string, string>;
}

export class PodMap {
  private nodes: ReadonlyMap<string, KubeNode> | undefined;
  private pods: ReadonlyMap<string, KubePod> | undefined;
  private leaving: ReadonlyMap<string, KubePod> = new Map();
  /** Every drawn pod by id: the object drawn (from the live list or the fading ones). */
  private drawn = new Map<string, KubePod>();
  private byLane = new Map<string, NodeLane>();
  private counts = new Map<Phase, number>();
  private view: PodMapView = { lanes: [], counts: new Map(), leavingByLane: new Map() };

  /**
   * The map for these nodes, pods and fading pods. `delta` names the pod ids (`ids`) that may differ from
   * the `pods` map passed last time, when this `pods` map is known to come from it (`from`: the live list's
   * delta).
   */
  update(
    nodes: ReadonlyMap<string, KubeNode>,
    pods: ReadonlyMap<string, KubePod>,
    leaving: ReadonlyMap<string, KubePod>,
    delta?: CollectionDelta<KubePod>,
  ): PodMapView {
    if (nodes === this.nodes && pods === this.pods && leaving === this.leaving) return this.view;
    const follows = nodes === this.nodes && (pods === this.pods || (delta !== undefined && delta.from === this.pods));
    if (!follows) return this.reset(nodes, pods, leaving);
    const ids = new Set<string>(pods === this.pods ? [] : delta?.ids);
    if (leaving !== this.leaving) {
      for (const id of leaving.keys()) if (this.leaving.get(id) !== leaving.get(id)) ids.add(id);
      for (const id of this.leaving.keys()) if (!leaving.has(id)) ids.add(id);
    }
    this.pods = pods;
    this.leaving = leaving;
    this.apply(ids);
    return this.view;
  }

  private reset(
    nodes: ReadonlyMap<string, KubeNode>,
    pods: ReadonlyMap<string, KubePod>,
    leaving: ReadonlyMap<string, KubePod>,
  ): PodMapView {
    this.nodes = nodes;
    this.pods = pods;
    this.leaving = leaving;
    this.drawn = new Map(pods);
    for (const [id, pod] of leaving) if (!pods.has(id)) this.drawn.set(id, pod);
    const lanes = layoutPods(nodes.values(), this.drawn.values(), this.view.lanes);
    this.byLane = new Map(lanes.map((lane) => [lane.name, lane]));
    this.counts = new Map();
    for (const pod of this.drawn.values()) this.count(pod.display, 1);
    this.view = { lanes, counts: new Map(this.counts), leavingByLane: this.leavingByLane() };
    return this.view;
  }

  /** Moves each named pod from where it was drawn to where it is drawn now. */
  private apply(ids: ReadonlySet<string>) {
    const out = new Map<string, Set<string>>(); // lane → ids leaving it
    const into = new Map<string, KubePod[]>(); // lane → pods entering it
    let countsChanged = false;
    for (const id of ids) {
      const before = this.drawn.get(id);
      const after = this.pods?.get(id) ?? this.leaving.get(id);
      if (before === after) continue;
      if (before) {
        const lane = laneOf(before);
        let gone = out.get(lane);
        if (!gone) out.set(lane, (gone = new Set()));
        gone.add(id);
        this.count(before.display, -1);
        this.drawn.delete(id);
      }
      if (after) {
        const lane = laneOf(after);
        let come = into.get(lane);
        if (!come) into.set(lane, (come = []));
        come.push(after);
        this.count(after.display, 1);
        this.drawn.set(id, after);
      }
      countsChanged = true;
    }
    const touched = new Set([...out.keys(), ...into.keys()]);
    let lanesChanged = false;
    for (const name of touched) {
      const old = this.byLane.get(name);
      const gone = out.get(name);
      const kept = old ? (gone ? old.pods.filter((p) => !gone.has(p.id)) : old.pods.slice()) : [];
      const pods = kept.concat(into.get(name) ?? []).sort(byName);
      if (!old && pods.length === 0) continue;
      if (old && old.node === undefined && name !== UNSCHEDULED && pods.length === 0) {
        // A lane that was there only for its pods (a node the list does not have): gone with them.
        this.byLane.delete(name);
      } else {
        this.byLane.set(name, { name, node: old?.node ?? this.nodes?.get(name), pods });
      }
      lanesChanged = true;
    }
    const leavingByLane = this.leavingByLane();
    const sameLeaving = sameEntries(leavingByLane, this.view.leavingByLane);
    if (!lanesChanged && !countsChanged && sameLeaving) return;
    this.view = {
      lanes: lanesChanged ? this.orderedLanes() : this.view.lanes,
      counts: countsChanged ? new Map(this.counts) : this.view.counts,
      leavingByLane: sameLeaving ? this.view.leavingByLane : leavingByLane,
    };
  }

  private orderedLanes(): NodeLane[] {
    const unscheduled = this.byLane.get(UNSCHEDULED) ?? { name: UNSCHEDULED, node: undefined, pods: [] };
    const rest = [...this.byLane.values()].filter((lane) => lane.name !== UNSCHEDULED);
    rest.sort((a, b) => a.name.localeCompare(b.name));
    return [unscheduled, ...rest];
  }

  private leavingByLane(): Map<string, string> {
    const lanes = new Map<string, string[]>();
    for (const [id, pod] of this.leaving) {
      if (this.pods?.has(id)) continue; // came back
      const lane = laneOf(pod);
      let ids = lanes.get(lane);
      if (!ids) lanes.set(lane, (ids = []));
      ids.push(id);
    }
    // In the lane's order, as leavingIn gives them.
    const out = new Map<string, string>();
    for (const [name, ids] of lanes) {
      const set = new Set(ids);
      const lane = this.byLane.get(name);
      out.set(
        name,
        lane
          ? lane.pods
              .filter((p) => set.has(p.id))
              .map((p) => p.id)
              .join('\n')
          : ids.join('\n'),
      );
    }
    return out;
  }

  private count(phase: Phase, by: number) {
    const n = (this.counts.get(phase) ?? 0) + by;
    if (n === 0) this.counts.delete(phase);
    else this.counts.set(phase, n);
  }
}

function sameEntries(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
