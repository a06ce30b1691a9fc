/** Pods, nodes and the rest as the contract shows them, from list (Dates) and watch (strings) objects. */
import { describe, expect, it } from 'vitest';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { nodeRoles, podDisplayPhase, toNode, toPod } from '../../../../main/kube/mappers';

const pod = (p: Partial<V1Pod>): V1Pod => ({ metadata: { name: 'p', namespace: 'ns', uid: 'u' }, ...p });

describe('pod display phase', () => {
  it('follows kubectl: unscheduled Pending, assigned ContainerCreating, Running, Terminating, Failed', () => {
    expect(podDisplayPhase(pod({ status: { phase: 'Pending' } })).display).toBe('Pending');
    expect(
      podDisplayPhase(
        pod({
          status: {
            phase: 'Pending',
            conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
          },
        }),
      ),
    ).toEqual({ display: 'Pending', reason: 'Unschedulable' });
    expect(
      podDisplayPhase(pod({ spec: { nodeName: 'n1', containers: [] }, status: { phase: 'Pending' } })).display,
    ).toBe('ContainerCreating');
    expect(
      podDisplayPhase(
        pod({
          spec: { nodeName: 'n1', containers: [] },
          status: {
            phase: 'Pending',
            containerStatuses: [
              {
                name: 'c',
                image: 'i',
                imageID: '',
                ready: false,
                restartCount: 0,
                state: { waiting: { reason: 'ErrImagePull' } },
              },
            ],
          },
        }),
      ),
    ).toEqual({ display: 'Pending', reason: 'ErrImagePull' });
    expect(podDisplayPhase(pod({ status: { phase: 'Running' } })).display).toBe('Running');
    expect(
      podDisplayPhase(pod({ metadata: { deletionTimestamp: new Date() }, status: { phase: 'Running' } })).display,
    ).toBe('Terminating');
    expect(podDisplayPhase(pod({ status: { phase: 'Failed', reason: 'Evicted' } }))).toEqual({
      display: 'Failed',
      reason: 'Evicted',
    });
  });

  it('maps containers, restarts and the owner, with timestamps from Dates or strings', () => {
    const raw = pod({
      metadata: {
        name: 'web-1',
        namespace: 'shop',
        uid: 'u1',
        creationTimestamp: '2026-01-02T03:04:05Z' as unknown as Date,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'x', controller: true }],
      },
      spec: {
        nodeName: 'n2',
        containers: [
          { name: 'web', image: 'nginx' },
          { name: 'side', image: 'busybox' },
        ],
      },
      status: {
        phase: 'Running',
        podIP: '10.0.0.5',
        containerStatuses: [
          {
            name: 'web',
            image: 'nginx',
            imageID: '',
            ready: true,
            restartCount: 2,
            state: { running: { startedAt: new Date('2026-01-02T03:05:00Z') } },
          },
          {
            name: 'side',
            image: 'busybox',
            imageID: '',
            ready: false,
            restartCount: 1,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
      },
    });
    const p = toPod(raw);
    expect(p).toMatchObject({
      id: 'shop/web-1',
      node: 'n2',
      display: 'Running',
      reason: 'CrashLoopBackOff',
      ready: '1/2',
      restarts: 3,
      ip: '10.0.0.5',
      owner: { kind: 'ReplicaSet', name: 'web-abc' },
      createdAt: '2026-01-02T03:04:05Z',
    });
    expect(p.containers[0]).toMatchObject({ state: 'running', startedAt: '2026-01-02T03:05:00.000Z' });
  });
});

describe('nodes', () => {
  it('reads roles, readiness, capacity and the kind container', () => {
    expect(nodeRoles({ 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/role': 'agent' })).toEqual([
      'agent',
      'control-plane',
    ]);
    const n: V1Node = {
      metadata: { name: 'dev-control-plane', labels: { 'node-role.kubernetes.io/control-plane': '' } },
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'MemoryPressure', status: 'False' },
        ],
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '3800m', memory: '7Gi', pods: '110' },
        nodeInfo: { kubeletVersion: 'v1.33.1' } as NonNullable<NonNullable<V1Node['status']>['nodeInfo']>,
      },
    };
    expect(toNode(n, new Set(['dev-control-plane']))).toMatchObject({
      roles: ['control-plane'],
      status: 'Ready',
      version: 'v1.33.1',
      capacity: { cpu: '4', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '3800m' },
      container: 'dev-control-plane',
    });
    expect(toNode(n).container).toBeUndefined();
  });
});
