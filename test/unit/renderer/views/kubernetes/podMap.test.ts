/**
 * The cluster map's incremental model: after any run of pod changes (as the live list applies them, with
 * its delta), pods fading out and back, a skipped version or a node change, it draws what a full layout of
 * the same pods draws — lanes, order (pods of the same name in two namespaces included), legend counts,
 * fading ids — and keeps the lanes no change touched.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KubeNode, KubePod } from '../../../../../contract/kube';
import { countPhases, layoutPods, UNSCHEDULED } from '../../../../../renderer/views/kubernetes/podLayout';
import { PodMap, type PodMapView } from '../../../../../renderer/views/kubernetes/podMap';

const PHASES: Array<KubePod['display']> = ['Pending', 'Running', 'Terminating', 'Failed'];
const node = (name: string) => ({ name }) as KubeNode;
const pod = (name: string, nodeName: string | undefined, display: KubePod['display'], namespace = 'ns') =>
  ({ id: `${namespace}/${name}`, name, node: nodeName, display }) as KubePod;

/** What a full layout of the same input gives, in the view's shape. */
function reference(
  nodes: ReadonlyMap<string, KubeNode>,
  pods: ReadonlyMap<string, KubePod>,
  leaving: ReadonlyMap<string, KubePod>,
) {
  const drawn = new Map(pods);
  for (const [id, p] of leaving) if (!pods.has(id)) drawn.set(id, p);
  const lanes = layoutPods(nodes.values(), drawn.values());
  const fading = new Map<string, string>();
  for (const lane of lanes) {
    const ids = lane.pods.filter((p) => leaving.has(p.id) && !pods.has(p.id)).map((p) => p.id);
    if (ids.length) fading.set(lane.name, ids.join('\n'));
  }
  return { lanes, counts: countPhases(drawn.values()), fading };
}

const shape = (view: PodMapView) => ({
  lanes: view.lanes.map((l) => [l.name, l.node?.name, l.pods.map((p) => `${p.id}:${p.display}`)]),
  counts: new Map([...view.counts].sort()),
  fading: new Map([...view.leavingByLane].sort()),
});
const refShape = (r: ReturnType<typeof reference>) => ({
  lanes: r.lanes.map((l) => [l.name, l.node?.name, l.pods.map((p) => `${p.id}:${p.display}`)]),
  counts: new Map([...r.counts].sort()),
  fading: new Map([...r.fading].sort()),
});

/** `name` is a pod's id: its namespace and name (the same name can be in both namespaces). */
type Step =
  | { kind: 'upsert'; name: string; node: string | undefined; display: KubePod['display'] }
  | { kind: 'remove'; name: string }
  | { kind: 'fade'; name: string }
  | { kind: 'unfade'; name: string }
  | { kind: 'skip' }
  | { kind: 'nodes'; add: string };

const names = fc
  .tuple(fc.constantFrom('ns', 'kube-system'), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'))
  .map(([namespace, name]) => `${namespace}/${name}`);
const nodeNames = fc.constantFrom('n1', 'n2', 'n3', 'gone', undefined);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('upsert' as const),
      name: names,
      node: nodeNames,
      display: fc.constantFrom(...PHASES),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('remove' as const), name: names }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fade' as const), name: names }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unfade' as const), name: names }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'skip' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nodes' as const), add: fc.constantFrom('n4', 'n5') }) },
);

describe('the cluster map model', () => {
  it('draws what a full layout draws after any run of changes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { maxLength: 30 }), (frames) => {
        const model = new PodMap();
        let nodes: ReadonlyMap<string, KubeNode> = new Map(['n1', 'n2', 'n3'].map((n) => [n, node(n)]));
        let pods: ReadonlyMap<string, KubePod> = new Map();
        let leaving: ReadonlyMap<string, KubePod> = new Map();
        const gone = new Map<string, KubePod>(); // removed pods, which may start fading
        let delta: { from: ReadonlyMap<string, KubePod>; ids: ReadonlySet<string> } | undefined;
        model.update(nodes, pods, leaving);
        for (const frame of frames) {
          // One store flush: a new map, a delta from the last one (a skipped version has a foreign `from`).
          const next = new Map(pods);
          const ids = new Set<string>();
          let skipped = false;
          let nextLeaving = leaving;
          for (const s of frame) {
            if (s.kind === 'upsert') {
              const [namespace, name] = s.name.split('/') as [string, string];
              next.set(s.name, pod(name, s.node, s.display, namespace));
              ids.add(s.name);
            } else if (s.kind === 'remove') {
              const was = next.get(s.name);
              if (was) gone.set(was.id, was);
              next.delete(s.name);
              ids.add(s.name);
            } else if (s.kind === 'fade') {
              const was = gone.get(s.name);
              if (was) nextLeaving = new Map([...nextLeaving, [was.id, was]]);
            } else if (s.kind === 'unfade') {
              const copy = new Map(nextLeaving);
              copy.delete(s.name);
              nextLeaving = copy;
            } else if (s.kind === 'skip') skipped = true;
            else nodes = new Map([...nodes, [s.add, node(s.add)]]);
          }
          delta = { from: skipped ? new Map() : pods, ids };
          pods = next;
          leaving = nextLeaving;
          const view = model.update(nodes, pods, leaving, delta);
          expect(shape(view)).toEqual(refShape(reference(nodes, pods, leaving)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the lanes a change did not touch, and the whole view when nothing changed', () => {
    const model = new PodMap();
    const nodes = new Map(['n1', 'n2'].map((n) => [n, node(n)]));
    const a = pod('a', 'n1', 'Running');
    const b = pod('b', 'n2', 'Pending');
    const pods = new Map([
      [a.id, a],
      [b.id, b],
    ]);
    const first = model.update(nodes, pods, new Map());
    const b2 = pod('b', 'n2', 'Running');
    const next = new Map(pods).set(b.id, b2);
    const view = model.update(nodes, next, new Map(), { from: pods, ids: new Set([b.id]) });
    const lane = (v: PodMapView, name: string) => v.lanes.find((l) => l.name === name);
    expect(lane(view, 'n1')).toBe(lane(first, 'n1'));
    expect(lane(view, 'n2')).not.toBe(lane(first, 'n2'));
    expect(lane(view, 'n2')!.pods).toEqual([b2]);
    expect(view.counts.get('Running')).toBe(2);
    expect(view.counts.get('Pending')).toBeUndefined();
    expect(lane(view, UNSCHEDULED)!.pods).toEqual([]);
    // The same inputs again: the same view object.
    const leaving = new Map();
    expect(model.update(nodes, next, leaving, { from: next, ids: new Set() })).toBe(view);
    expect(model.update(nodes, next, leaving)).toBe(view);
  });
});
