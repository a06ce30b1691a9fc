/**
 * The actions menu as data: each action says which kinds it applies to (by group and resource, so one
 * entry serves Deployments, StatefulSets and ReplicaSets alike) and which RBAC checks it needs; the menu
 * shows the ones that apply and disables those the API server says no to, with its reason.
 */
import type { AccessCheck, Verb } from '../../../../contract/kubeActions';
import type { KubeObjectRef } from '../../../../contract/kubeBase';

export type ActionId =
  | 'editYaml'
  | 'scale'
  | 'restart'
  | 'history'
  | 'pause'
  | 'resume'
  | 'runNow'
  | 'suspend'
  | 'unsuspend'
  | 'cordon'
  | 'uncordon'
  | 'drain'
  | 'delete';

/** What the menu knows of the object's state, to offer only one of pause/resume, suspend/resume, cordon/uncordon. */
export interface ObjectState {
  paused?: boolean;
  suspended?: boolean;
  unschedulable?: boolean;
  /** The replica count now: what the scale dialog starts from. */
  replicas?: number;
}

export interface ActionDef {
  id: ActionId;
  label: string;
  danger?: boolean;
  applies(ref: KubeObjectRef, state: ObjectState): boolean;
  checks(ref: KubeObjectRef): AccessCheck[];
}

const is =
  (group: string, ...resources: string[]) =>
  (ref: KubeObjectRef) =>
    ref.group === group && resources.includes(ref.resource);
const on = (ref: KubeObjectRef, verb: Verb, subresource?: string): AccessCheck => ({
  verb,
  group: ref.group,
  resource: ref.resource,
  ...(subresource ? { subresource } : {}),
  ...(ref.namespace ? { namespace: ref.namespace } : {}),
  name: ref.name,
});

const rollout = is('apps', 'deployments', 'statefulsets', 'daemonsets');
const deployment = is('apps', 'deployments');
const cronJob = is('batch', 'cronjobs');
const node = is('', 'nodes');

export const ACTIONS: ActionDef[] = [
  { id: 'editYaml', label: 'Edit YAML…', applies: () => true, checks: (r) => [on(r, 'get'), on(r, 'update')] },
  {
    id: 'scale',
    label: 'Scale…',
    applies: is('apps', 'deployments', 'statefulsets', 'replicasets'),
    checks: (r) => [on(r, 'patch', 'scale')],
  },
  { id: 'restart', label: 'Restart rollout', applies: rollout, checks: (r) => [on(r, 'patch')] },
  {
    id: 'history',
    label: 'Rollout history…',
    applies: rollout,
    checks: (r) => [
      on(r, 'get'),
      {
        verb: 'list',
        group: 'apps',
        resource: r.resource === 'deployments' ? 'replicasets' : 'controllerrevisions',
        ...(r.namespace ? { namespace: r.namespace } : {}),
      },
    ],
  },
  {
    id: 'pause',
    label: 'Pause rollout',
    applies: (r, s) => deployment(r) && s.paused !== true,
    checks: (r) => [on(r, 'patch')],
  },
  {
    id: 'resume',
    label: 'Resume rollout',
    applies: (r, s) => deployment(r) && s.paused !== false,
    checks: (r) => [on(r, 'patch')],
  },
  {
    id: 'runNow',
    label: 'Run now',
    applies: cronJob,
    checks: (r) => [
      on(r, 'get'),
      { verb: 'create', group: 'batch', resource: 'jobs', ...(r.namespace ? { namespace: r.namespace } : {}) },
    ],
  },
  {
    id: 'suspend',
    label: 'Suspend',
    applies: (r, s) => cronJob(r) && s.suspended !== true,
    checks: (r) => [on(r, 'patch')],
  },
  {
    id: 'unsuspend',
    label: 'Resume schedule',
    applies: (r, s) => cronJob(r) && s.suspended !== false,
    checks: (r) => [on(r, 'patch')],
  },
  {
    id: 'cordon',
    label: 'Cordon',
    applies: (r, s) => node(r) && s.unschedulable !== true,
    checks: (r) => [on(r, 'patch')],
  },
  {
    id: 'uncordon',
    label: 'Uncordon',
    applies: (r, s) => node(r) && s.unschedulable !== false,
    checks: (r) => [on(r, 'patch')],
  },
  {
    id: 'drain',
    label: 'Drain…',
    applies: node,
    checks: (r) => [on(r, 'patch'), { verb: 'create', group: '', resource: 'pods', subresource: 'eviction' }],
  },
  { id: 'delete', label: 'Delete…', danger: true, applies: () => true, checks: (r) => [on(r, 'delete')] },
];

/** The actions that apply to an object in the given state, in menu order. */
export const actionsFor = (ref: KubeObjectRef, state: ObjectState = {}): ActionDef[] =>
  ACTIONS.filter((a) => a.applies(ref, state));

/** Every RBAC check the menu needs, once each, and for each action the indexes of its checks. */
export function checksOf(
  actions: ActionDef[],
  ref: KubeObjectRef,
): { checks: AccessCheck[]; of: Map<ActionId, number[]> } {
  const checks: AccessCheck[] = [];
  const keys = new Map<string, number>();
  const of = new Map<ActionId, number[]>();
  for (const action of actions) {
    of.set(
      action.id,
      action.checks(ref).map((check) => {
        const key = JSON.stringify(check);
        let i = keys.get(key);
        if (i === undefined) {
          i = checks.push(check) - 1;
          keys.set(key, i);
        }
        return i;
      }),
    );
  }
  return { checks, of };
}
