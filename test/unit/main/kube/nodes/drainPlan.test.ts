/** kubectl drain's filters: what is evicted, skipped, and what blocks the drain. */
import { describe, expect, it } from 'vitest';
import { drainPlan, type PodLike } from '../../../../../main/kube/nodes/drainPlan';

const pod = (
  name: string,
  more: Partial<PodLike> & { owner?: string; mirror?: boolean; emptyDir?: boolean; phase?: string } = {},
): PodLike => ({
  metadata: {
    name,
    namespace: 'ns',
    annotations: more.mirror ? { 'kubernetes.io/config.mirror': 'abc' } : {},
    ownerReferences: more.owner ? [{ kind: more.owner, name: `${name}-owner`, controller: true }] : [],
  },
  spec: { volumes: more.emptyDir ? [{ emptyDir: {} }] : [] },
  status: { phase: more.phase ?? 'Running' },
});

const names = (list: { name: string }[]) => list.map((p) => p.name);

describe('drain plan', () => {
  const pods = [
    pod('rs', { owner: 'ReplicaSet' }),
    pod('ds', { owner: 'DaemonSet' }),
    pod('static', { mirror: true, owner: 'Node' }),
    pod('bare'),
    pod('cache', { owner: 'ReplicaSet', emptyDir: true }),
    pod('done', { phase: 'Succeeded' }),
    pod('done-cache', { phase: 'Failed', emptyDir: true }),
  ];

  it('skips DaemonSet and mirror pods; a bare pod and emptyDir data block; finished pods go', () => {
    const plan = drainPlan(pods, { force: false, deleteEmptyDirData: false });
    expect(names(plan.evict)).toEqual(['done', 'done-cache', 'rs']);
    expect(names(plan.skipped)).toEqual(['ds', 'static']);
    expect(names(plan.blocked)).toEqual(['bare', 'cache']);
    expect(plan.blocked.find((b) => b.name === 'bare')?.reason).toMatch(/not managed by a controller/i);
    expect(plan.blocked.find((b) => b.name === 'cache')?.reason).toMatch(/emptyDir/);
    expect(plan.skipped.find((b) => b.name === 'ds')?.reason).toMatch(/DaemonSet ds-owner/);
  });

  it('force and delete-emptyDir-data let the blocked pods go', () => {
    const plan = drainPlan(pods, { force: true, deleteEmptyDirData: true });
    expect(names(plan.evict)).toEqual(['bare', 'cache', 'done', 'done-cache', 'rs']);
    expect(plan.blocked).toEqual([]);
    expect(drainPlan([pod('bare')], { force: false, deleteEmptyDirData: true }).blocked).toHaveLength(1);
  });
});
