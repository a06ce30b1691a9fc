/** The actions menu as data: which actions apply to which kinds, and the RBAC checks asked once each. */
import { describe, expect, it } from 'vitest';
import { actionsFor, checksOf } from '../../../../../../renderer/views/kubernetes/actions/catalog';
import type { KubeObjectRef } from '../../../../../../contract/kubeBase';

const ref = (group: string, resource: string, namespace?: string): KubeObjectRef => ({
  context: 'c',
  group,
  version: 'v1',
  resource,
  ...(namespace ? { namespace } : {}),
  name: 'x',
});
const ids = (r: KubeObjectRef, state = {}) => actionsFor(r, state).map((a) => a.id);

describe('actions catalog', () => {
  it('offers each kind its actions', () => {
    expect(ids(ref('apps', 'deployments', 'ns'), { paused: false })).toEqual([
      'editYaml',
      'scale',
      'restart',
      'history',
      'pause',
      'delete',
    ]);
    expect(ids(ref('apps', 'statefulsets', 'ns'))).toEqual(['editYaml', 'scale', 'restart', 'history', 'delete']);
    expect(ids(ref('apps', 'replicasets', 'ns'))).toEqual(['editYaml', 'scale', 'delete']);
    expect(ids(ref('apps', 'daemonsets', 'ns'))).toEqual(['editYaml', 'restart', 'history', 'delete']);
    expect(ids(ref('batch', 'cronjobs', 'ns'), { suspended: true })).toEqual([
      'editYaml',
      'runNow',
      'unsuspend',
      'delete',
    ]);
    expect(ids(ref('', 'nodes'), { unschedulable: true })).toEqual(['editYaml', 'uncordon', 'drain', 'delete']);
    expect(ids(ref('', 'configmaps', 'ns'))).toEqual(['editYaml', 'delete']);
    expect(ids(ref('example.com', 'widgets', 'ns'))).toEqual(['editYaml', 'delete']);
  });

  it('asks each RBAC question once and maps the answers back to actions', () => {
    const r = ref('apps', 'deployments', 'ns');
    const { checks, of } = checksOf(actionsFor(r, { paused: false }), r);
    expect(checks).toContainEqual({
      verb: 'patch',
      group: 'apps',
      resource: 'deployments',
      subresource: 'scale',
      namespace: 'ns',
      name: 'x',
    });
    expect(checks).toContainEqual({ verb: 'list', group: 'apps', resource: 'replicasets', namespace: 'ns' });
    expect(new Set(checks.map((c) => JSON.stringify(c))).size).toBe(checks.length);
    // restart and pause both need patch on the deployment: the same question.
    expect(of.get('restart')).toEqual(of.get('pause'));
    expect(checks[of.get('delete')![0]!]).toMatchObject({ verb: 'delete', name: 'x' });
  });
});
