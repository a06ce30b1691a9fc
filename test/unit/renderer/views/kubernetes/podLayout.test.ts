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
});
