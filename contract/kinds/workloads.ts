/**
 * Workloads: Pods, Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs — their columns,
 * how healthy each is (kubectl's words for a pod's state), and what they point at.
 */
import type { KindDescription, KubeObj, StatusSummary } from './model';
import {
  at,
  because,
  condition,
  field,
  list,
  num,
  owners,
  podSpecRelations,
  record,
  replicaStatus,
  selectedPods,
  str,
} from './fields';

interface ContainerStatus {
  ready?: boolean;
  restartCount?: number;
  state?: {
    waiting?: { reason?: string; message?: string };
    terminated?: { reason?: string; message?: string; exitCode?: number };
  };
}
const containerStatuses = (o: KubeObj): ContainerStatus[] => list(o, 'status.containerStatuses') as ContainerStatus[];

/** Waiting reasons that are a failure, not a step on the way (kubectl shows them as the pod's status). */
const FAILING_WAIT = /BackOff|Err|Invalid|Failed|Error/;

/** A pod's status the way kubectl's STATUS column words it, with how healthy that is. */
export function podStatus(o: KubeObj): StatusSummary {
  const phase = str(o, 'status.phase') ?? 'Unknown';
  if (o.metadata?.deletionTimestamp) return { health: 'progressing', text: 'Terminating' };
  const init = list(o, 'status.initContainerStatuses') as ContainerStatus[];
  for (const c of init) {
    const w = c.state?.waiting;
    const t = c.state?.terminated;
    if (t && t.exitCode !== 0) return { health: 'failing', text: `Init:${t.reason ?? 'Error'}`, reason: because(t) };
    if (w?.reason && w.reason !== 'PodInitializing')
      return {
        health: FAILING_WAIT.test(w.reason) ? 'failing' : 'progressing',
        text: `Init:${w.reason}`,
        reason: because(w),
      };
  }
  for (const c of containerStatuses(o)) {
    const w = c.state?.waiting;
    const t = c.state?.terminated;
    if (w?.reason && FAILING_WAIT.test(w.reason)) return { health: 'failing', text: w.reason, reason: because(w) };
    if (t && t.exitCode !== 0 && phase !== 'Succeeded')
      return { health: 'failing', text: t.reason ?? 'Error', reason: because(t) };
    if (w?.reason && phase !== 'Running') return { health: 'progressing', text: w.reason, reason: because(w) };
  }
  if (phase === 'Succeeded') return { health: 'healthy', text: 'Completed' };
  if (phase === 'Failed')
    return { health: 'failing', text: str(o, 'status.reason') ?? 'Failed', reason: str(o, 'status.message') };
  if (phase === 'Pending') {
    const scheduled = condition(o, 'PodScheduled');
    if (scheduled?.status === 'False')
      return {
        health: scheduled.reason === 'Unschedulable' ? 'failing' : 'progressing',
        text: scheduled.reason ?? 'Pending',
        reason: because(scheduled),
      };
    return { health: 'progressing', text: 'Pending' };
  }
  if (phase === 'Running') {
    const ready = condition(o, 'Ready');
    if (ready?.status === 'True') return { health: 'healthy', text: 'Running' };
    return { health: 'progressing', text: 'Running', reason: because(ready) ?? 'Not all containers are ready' };
  }
  return { health: 'none', text: phase };
}

const podReady = (o: KubeObj) => {
  const cs = containerStatuses(o);
  const total = list(o, 'spec.containers').length;
  return `${cs.filter((c) => c.ready).length}/${total}`;
};
const restarts = (o: KubeObj) => containerStatuses(o).reduce((n, c) => n + (c.restartCount ?? 0), 0);

const EDIT_DELETE = ['editYaml', 'delete'] as const;

export const pods: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'pods',
  kind: 'Pod',
  title: 'Pods',
  namespaced: true,
  category: 'Workloads',
  columns: [
    { name: 'Ready', value: podReady },
    { name: 'Restarts', type: 'number', value: restarts },
    { name: 'Node', value: field('spec.nodeName') },
    { name: 'IP', wide: true, value: field('status.podIP') },
  ],
  status: podStatus,
  relations: (o) => [
    ...owners(o),
    ...(str(o, 'spec.nodeName')
      ? [{ type: 'runs on' as const, target: { apiVersion: 'v1', kind: 'Node', name: str(o, 'spec.nodeName') } }]
      : []),
    ...podSpecRelations(o, 'spec'),
  ],
  actions: ['editYaml', 'logs', 'shell', 'portForward', 'delete'],
};

const workload = (o: KubeObj) => [...owners(o), ...selectedPods(o), ...podSpecRelations(o, 'spec.template.spec')];

export const deployments: KindDescription = {
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  title: 'Deployments',
  namespaced: true,
  category: 'Workloads',
  columns: [
    { name: 'Ready', value: (o) => `${num(o, 'status.readyReplicas') ?? 0}/${num(o, 'spec.replicas') ?? 1}` },
    { name: 'Up-to-date', type: 'number', value: (o) => num(o, 'status.updatedReplicas') ?? 0 },
    { name: 'Available', type: 'number', value: (o) => num(o, 'status.availableReplicas') ?? 0 },
  ],
  status: (o) => {
    const progressing = condition(o, 'Progressing');
    const failure =
      condition(o, 'ReplicaFailure')?.status === 'True'
        ? condition(o, 'ReplicaFailure')
        : progressing?.status === 'False'
          ? progressing
          : undefined;
    if (at(o, 'spec.paused') === true && !failure) {
      return { health: 'none', text: 'Paused', reason: 'The rollout is paused' };
    }
    return replicaStatus(o, num(o, 'spec.replicas') ?? 1, num(o, 'status.readyReplicas') ?? 0, failure);
  },
  relations: workload,
  actions: ['editYaml', 'scale', 'restart', 'history', 'pause', 'resume', 'delete'],
};

export const statefulSets: KindDescription = {
  group: 'apps',
  version: 'v1',
  resource: 'statefulsets',
  kind: 'StatefulSet',
  title: 'StatefulSets',
  namespaced: true,
  category: 'Workloads',
  columns: [
    { name: 'Ready', value: (o) => `${num(o, 'status.readyReplicas') ?? 0}/${num(o, 'spec.replicas') ?? 1}` },
    { name: 'Service', wide: true, value: field('spec.serviceName') },
  ],
  status: (o) => replicaStatus(o, num(o, 'spec.replicas') ?? 1, num(o, 'status.readyReplicas') ?? 0),
  relations: (o) => [
    ...workload(o),
    ...(str(o, 'spec.serviceName')
      ? [
          {
            type: 'uses' as const,
            target: {
              apiVersion: 'v1',
              kind: 'Service',
              namespace: o.metadata?.namespace,
              name: str(o, 'spec.serviceName'),
            },
          },
        ]
      : []),
  ],
  actions: ['editYaml', 'scale', 'restart', 'history', 'delete'],
};

export const daemonSets: KindDescription = {
  group: 'apps',
  version: 'v1',
  resource: 'daemonsets',
  kind: 'DaemonSet',
  title: 'DaemonSets',
  namespaced: true,
  category: 'Workloads',
  columns: [
    { name: 'Desired', type: 'number', value: (o) => num(o, 'status.desiredNumberScheduled') ?? 0 },
    { name: 'Current', type: 'number', value: (o) => num(o, 'status.currentNumberScheduled') ?? 0 },
    { name: 'Ready', type: 'number', value: (o) => num(o, 'status.numberReady') ?? 0 },
    { name: 'Up-to-date', type: 'number', wide: true, value: (o) => num(o, 'status.updatedNumberScheduled') ?? 0 },
    { name: 'Available', type: 'number', wide: true, value: (o) => num(o, 'status.numberAvailable') ?? 0 },
    {
      name: 'Node selector',
      wide: true,
      value: (o) =>
        Object.entries(record(o, 'spec.template.spec.nodeSelector'))
          .map(([k, v]) => `${k}=${v}`)
          .join(',') || null,
    },
  ],
  status: (o) => replicaStatus(o, num(o, 'status.desiredNumberScheduled') ?? 0, num(o, 'status.numberReady') ?? 0),
  relations: workload,
  actions: ['editYaml', 'restart', 'history', 'delete'],
};

export const replicaSets: KindDescription = {
  group: 'apps',
  version: 'v1',
  resource: 'replicasets',
  kind: 'ReplicaSet',
  title: 'ReplicaSets',
  namespaced: true,
  category: 'Workloads',
  columns: [
    { name: 'Desired', type: 'number', value: (o) => num(o, 'spec.replicas') ?? 1 },
    { name: 'Current', type: 'number', value: (o) => num(o, 'status.replicas') ?? 0 },
    { name: 'Ready', type: 'number', value: (o) => num(o, 'status.readyReplicas') ?? 0 },
  ],
  status: (o) => {
    const failure = condition(o, 'ReplicaFailure');
    return replicaStatus(
      o,
      num(o, 'spec.replicas') ?? 1,
      num(o, 'status.readyReplicas') ?? 0,
      failure?.status === 'True' ? failure : undefined,
    );
  },
  relations: workload,
  actions: ['editYaml', 'scale', 'delete'],
};

export const jobs: KindDescription = {
  group: 'batch',
  version: 'v1',
  resource: 'jobs',
  kind: 'Job',
  title: 'Jobs',
  namespaced: true,
  category: 'Workloads',
  columns: [
    { name: 'Completions', value: (o) => `${num(o, 'status.succeeded') ?? 0}/${num(o, 'spec.completions') ?? 1}` },
    { name: 'Active', type: 'number', wide: true, value: (o) => num(o, 'status.active') ?? 0 },
  ],
  status: (o) => {
    const failed = condition(o, 'Failed');
    if (failed?.status === 'True')
      return { health: 'failing', text: failed.reason ?? 'Failed', reason: because(failed) };
    if (condition(o, 'Complete')?.status === 'True') return { health: 'healthy', text: 'Complete' };
    if (at(o, 'spec.suspend') === true) return { health: 'none', text: 'Suspended' };
    return { health: 'progressing', text: 'Running', reason: `${num(o, 'status.active') ?? 0} active` };
  },
  relations: workload,
  actions: EDIT_DELETE,
};

export const cronJobs: KindDescription = {
  group: 'batch',
  version: 'v1',
  resource: 'cronjobs',
  kind: 'CronJob',
  title: 'CronJobs',
  namespaced: true,
  category: 'Workloads',
  columns: [
    { name: 'Schedule', value: field('spec.schedule') },
    { name: 'Suspend', value: (o) => String(at(o, 'spec.suspend') === true) },
    { name: 'Active', type: 'number', value: (o) => list(o, 'status.active').length },
    { name: 'Last schedule', type: 'age', value: field('status.lastScheduleTime') },
  ],
  status: (o) =>
    at(o, 'spec.suspend') === true
      ? { health: 'none', text: 'Suspended' }
      : list(o, 'status.active').length > 0
        ? { health: 'progressing', text: 'Running' }
        : { health: 'healthy', text: 'Scheduled' },
  relations: (o) => [...owners(o), ...podSpecRelations(o, 'spec.jobTemplate.spec.template.spec')],
  actions: ['editYaml', 'runNow', 'suspend', 'unsuspend', 'delete'],
};

export const workloadKinds = [pods, deployments, statefulSets, daemonSets, replicaSets, jobs, cronJobs];
