/** What goes with a deleted object: its owned objects, down the chain. */
import { describe, expect, it } from 'vitest';
import { ownedTree } from '../../../../../main/kube/delete/dependents';

const obj = (kind: string, name: string, uid: string, owners: string[] = []) => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, namespace: 'ns', uid, ownerReferences: owners.map((o) => ({ uid: o })) },
});

describe('owned tree', () => {
  it('follows ownerReferences down, each object once, at its depth', () => {
    const objects = [
      obj('ReplicaSet', 'web-1', 'rs1', ['dep']),
      obj('ReplicaSet', 'web-2', 'rs2', ['dep']),
      obj('Pod', 'web-1-a', 'p1', ['rs1']),
      obj('Pod', 'web-2-a', 'p2', ['rs2', 'rs1']),
      obj('Pod', 'other', 'p3', ['elsewhere']),
      obj('Pod', 'loop', 'p4', ['p5']),
      obj('Pod', 'loop2', 'p5', ['p4']),
    ];
    expect(ownedTree('dep', objects).map((d) => [d.kind, d.name, d.depth])).toEqual([
      ['ReplicaSet', 'web-1', 1],
      ['ReplicaSet', 'web-2', 1],
      ['Pod', 'web-1-a', 2],
      ['Pod', 'web-2-a', 2],
    ]);
    expect(ownedTree('nothing', objects)).toEqual([]);
  });
});
