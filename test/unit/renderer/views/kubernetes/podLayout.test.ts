/** The cluster map's layout of pods on nodes. */
import { describe, expect, it } from 'vitest';
import { layoutPods } from '../../../../../renderer/views/kubernetes/podLayout';
import type { KubeNode, KubePod } from '../../../../../contract/kube';

describe('cluster map layout', () => {
  const node = (name: string) => ({ name }) as KubeNode;
  const pod = (name: string, nodeName?: string) =>
    ({ id: `ns/${name}`, name, node: nodeName, display: 'Running' }) as KubePod;
  it('puts pods in their node, unscheduled ones first, nodes by name', () => {
    const lanes = layoutPods([node('n2'), node('n1')], [pod('b', 'n1'), pod('a', 'n1'), pod('c'), pod('d', 'n9')]);
    expect(lanes.map((l) => [l.name, l.pods.map((p) => p.name)])).toEqual([
      ['', ['c']],
      ['n1', ['a', 'b']],
      ['n2', []],
      ['n9', ['d']],
    ]);
  });

  it('keeps the lane objects whose pods did not change, so their node boxes skip a render', () => {
    const a = pod('a', 'n1');
    const b = pod('b', 'n2');
    const before = layoutPods([node('n1'), node('n2')], [a, b]);
    const nodes = [before[1]!.node!, before[2]!.node!];
    const unchanged = layoutPods(nodes, [a, b], before);
    expect(unchanged.every((lane, i) => lane === before[i])).toBe(true);
    const b2 = { ...b, display: 'Terminating' } as KubePod;
    const after = layoutPods(nodes, [a, b2], before);
    expect(after[1]).toBe(before[1]);
    expect(after[2]).not.toBe(before[2]);
    expect(after[2]!.pods).toEqual([b2]);
    const moved = layoutPods(nodes, [a, pod('c', 'n2'), b], before);
    expect(moved[2]!.pods.map((p) => p.name)).toEqual(['b', 'c']);
    // the same pods arriving in another order: the kept lane, still sorted
    const reordered = layoutPods(nodes, [b, a], before);
    expect(reordered[1]).toBe(before[1]);
    const swapped = layoutPods(nodes, [pod('z', 'n1'), b], before);
    expect(swapped[1]!.pods.map((p) => p.name)).toEqual(['z']);
  });
});
