/** Workload status summaries and relations on fixture objects shaped as the API server sends them. */
import { describe, expect, it } from 'vitest';
import { deployments, jobs, podStatus, pods } from '../../../../contract/kinds/workloads';
import type { KubeObj } from '../../../../contract/kinds/model';

const pod = (status: object, spec: object = {}, meta: object = {}): KubeObj => ({
  metadata: { name: 'p', namespace: 'ns', uid: 'u1', ...meta },
  spec: { containers: [{ name: 'c' }], ...spec },
  status,
});

describe('pod status', () => {
  it('Running and ready is healthy; not ready is progressing with the reason', () => {
    expect(
      podStatus(
        pod({
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True' }],
          containerStatuses: [{ ready: true }],
        }),
      ),
    ).toEqual({ health: 'healthy', text: 'Running' });
    expect(
      podStatus(
        pod({
          phase: 'Running',
          conditions: [
            {
              type: 'Ready',
              status: 'False',
              reason: 'ContainersNotReady',
              message: 'containers with unready status: [c]',
            },
          ],
        }),
      ),
    ).toEqual({
      health: 'progressing',
      text: 'Running',
      reason: 'ContainersNotReady: containers with unready status: [c]',
    });
  });

  it('CrashLoopBackOff and ImagePullBackOff are failing with the container reason and message', () => {
    const s = podStatus(
      pod({
        phase: 'Running',
        containerStatuses: [
          { state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting' } } },
        ],
      }),
    );
    expect(s).toEqual({
      health: 'failing',
      text: 'CrashLoopBackOff',
      reason: 'CrashLoopBackOff: back-off 5m0s restarting',
    });
    expect(
      podStatus(pod({ phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff' } } }] }))
        .health,
    ).toBe('failing');
  });

  it('ContainerCreating is progressing; Unschedulable is failing; Succeeded is Completed; deleting is Terminating', () => {
    expect(
      podStatus(
        pod({ phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }] }),
      ),
    ).toMatchObject({
      health: 'progressing',
      text: 'ContainerCreating',
    });
    expect(
      podStatus(
        pod({
          phase: 'Pending',
          conditions: [
            { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available' },
          ],
        }),
      ),
    ).toEqual({ health: 'failing', text: 'Unschedulable', reason: 'Unschedulable: 0/3 nodes are available' });
    expect(podStatus(pod({ phase: 'Succeeded' }))).toEqual({ health: 'healthy', text: 'Completed' });
    expect(podStatus(pod({ phase: 'Running' }, {}, { deletionTimestamp: '2026-01-01T00:00:00Z' })).text).toBe(
      'Terminating',
    );
  });

  it('an init container that failed is Init:Error', () => {
    expect(
      podStatus(
        pod({ phase: 'Pending', initContainerStatuses: [{ state: { terminated: { exitCode: 1, reason: 'Error' } } }] }),
      ),
    ).toMatchObject({ health: 'failing', text: 'Init:Error' });
  });

  it('relates a pod to its owner, node, mounted ConfigMaps and Secrets, claims and service account, each once', () => {
    const p = pod(
      { phase: 'Running' },
      {
        nodeName: 'n1',
        serviceAccountName: 'robot',
        volumes: [
          { name: 'a', configMap: { name: 'cfg' } },
          { name: 'b', secret: { secretName: 'creds' } },
          { name: 'c', persistentVolumeClaim: { claimName: 'data' } },
          { name: 'd', projected: { sources: [{ configMap: { name: 'cfg' } }, { secret: { name: 'other' } }] } },
        ],
        containers: [
          {
            name: 'c',
            envFrom: [{ secretRef: { name: 'creds' } }],
            env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'env-cfg', key: 'x' } } }],
          },
        ],
      },
      { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', controller: true }] },
    );
    const rel = pods.relations!(p).map(
      (r) => `${r.type} ${r.target.kind}/${r.target.name ?? ''}${r.target.namespace ? `@${r.target.namespace}` : ''}`,
    );
    expect(rel.sort()).toEqual(
      [
        'owner ReplicaSet/web-1@ns',
        'runs on Node/n1',
        'mounts ConfigMap/cfg@ns',
        'mounts Secret/creds@ns',
        'binds PersistentVolumeClaim/data@ns',
        'mounts Secret/other@ns',
        'mounts ConfigMap/env-cfg@ns',
        'uses ServiceAccount/robot@ns',
      ].sort(),
    );
  });

  it('gives the columns Ready, Restarts, Node', () => {
    const p = pod({ phase: 'Running', containerStatuses: [{ ready: true, restartCount: 2 }] }, { nodeName: 'n1' });
    expect(pods.columns.slice(0, 3).map((c) => c.value(p))).toEqual(['1/1', 2, 'n1']);
  });
});

describe('deployment and job status', () => {
  const dep = (spec: object, status: object): KubeObj => ({ metadata: { name: 'd', namespace: 'ns' }, spec, status });

  it('all replicas ready is healthy; fewer is progressing; a failed rollout is failing with its reason', () => {
    expect(deployments.status!(dep({ replicas: 2 }, { readyReplicas: 2 }))).toEqual({
      health: 'healthy',
      text: '2/2 ready',
    });
    expect(deployments.status!(dep({ replicas: 3 }, { readyReplicas: 1 }))).toMatchObject({
      health: 'progressing',
      text: '1/3 ready',
    });
    expect(
      deployments.status!(
        dep(
          { replicas: 3 },
          {
            readyReplicas: 1,
            conditions: [
              {
                type: 'Progressing',
                status: 'False',
                reason: 'ProgressDeadlineExceeded',
                message: 'ReplicaSet "d-1" has timed out progressing.',
              },
            ],
          },
        ),
      ),
    ).toEqual({
      health: 'failing',
      text: '1/3 ready',
      reason: 'ProgressDeadlineExceeded: ReplicaSet "d-1" has timed out progressing.',
    });
  });

  it('selects its pods by matchLabels', () => {
    expect(deployments.relations!(dep({ selector: { matchLabels: { app: 'web' } } }, {}))).toEqual([
      { type: 'selects', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', selector: { app: 'web' } } },
    ]);
  });

  it('a Job is Complete, Failed with its reason, or running', () => {
    const job = (status: object): KubeObj => ({ metadata: { name: 'j' }, spec: {}, status });
    expect(jobs.status!(job({ conditions: [{ type: 'Complete', status: 'True' }] }))).toEqual({
      health: 'healthy',
      text: 'Complete',
    });
    expect(
      jobs.status!(job({ conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] })),
    ).toEqual({
      health: 'failing',
      text: 'BackoffLimitExceeded',
      reason: 'BackoffLimitExceeded',
    });
    expect(jobs.status!(job({ active: 1 })).health).toBe('progressing');
  });
});
