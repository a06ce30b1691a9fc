/** Revisions from ReplicaSets and ControllerRevisions, and which one an undo goes to. */
import { describe, expect, it } from 'vitest';
import { revisionsOf, undoTarget } from '../../../../../main/kube/rollouts/revisions';
import { ApiError } from '../../../../../contract/errors';

const rs = (name: string, revision: number, image: string) => ({
  metadata: { name, annotations: { 'deployment.kubernetes.io/revision': String(revision) } },
  spec: { template: { spec: { containers: [{ image }] } } },
});

describe('rollout revisions', () => {
  const deployment = { metadata: { annotations: { 'deployment.kubernetes.io/revision': '3' } } };
  const revisions = revisionsOf('deployments', deployment, [rs('a', 1, 'i:1'), rs('c', 3, 'i:3'), rs('b', 2, 'i:2')]);

  it('lists a Deployment’s ReplicaSets newest first, the current one marked', () => {
    expect(revisions.map((r) => [r.revision, r.name, r.current, r.images[0]])).toEqual([
      [3, 'c', true, 'i:3'],
      [2, 'b', false, 'i:2'],
      [1, 'a', false, 'i:1'],
    ]);
  });

  it('reads ControllerRevisions; a StatefulSet’s current one is its updateRevision', () => {
    const cr = (name: string, revision: number) => ({
      metadata: { name },
      revision,
      data: { spec: { template: { spec: { containers: [{ image: `i:${revision}` }] } } } },
    });
    const list = revisionsOf('statefulsets', { status: { updateRevision: 'r1' } }, [cr('r1', 1), cr('r2', 2)]);
    expect(list.map((r) => [r.revision, r.current])).toEqual([
      [2, false],
      [1, true],
    ]);
  });

  it('undoes to the one before the current, or to the revision asked for', () => {
    expect(undoTarget(revisions, 0).revision).toBe(2);
    expect(undoTarget(revisions, 1).name).toBe('a');
    expect(() => undoTarget(revisions, 7)).toThrow(/Revision 7 is not in the history \(3, 2, 1\)/);
    expect(() => undoTarget(revisions.slice(2), 0)).toThrow(ApiError);
  });
});
