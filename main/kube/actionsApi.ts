/**
 * Main's implementation of contract/kubeActions.ts (spread into the kube domain by kubeApi.ts): each call
 * gets the context's clients and turns what the API server refuses into an ApiError saying what to do.
 */
import type { ApiImplementation } from '../../contract/api';
import type { kubeActions } from '../../contract/kubeActions';
import { OK } from '../../contract/collection';
import type { Services } from '../services';
import { withClients } from './workloads';
import { objectYaml } from './edit/objectYaml';
import { saveYaml } from './edit/saveYaml';
import { createFromForm } from './create/createFromForm';
import { scaleObject } from './rollouts/scaleObject';
import { rolloutPause, rolloutRestart } from './rollouts/restart';
import { rolloutHistory, rolloutUndo } from './rollouts/history';
import { cronJobRun, cronJobSuspend } from './rollouts/cronJobs';
import { dependents } from './delete/dependents';
import { deleteObject } from './delete/deleteObject';
import { cordon } from './nodes/cordon';
import { drainNode, planDrain } from './nodes/drain';
import { accessReview, accessRules } from './access/accessReview';

type ActionsImplementation = Pick<ApiImplementation['kube'], keyof typeof kubeActions>;

export function kubeActionsApi(services: Pick<Services, 'tasks'>): ActionsImplementation {
  return {
    objectYaml: (ref) => withClients(ref, (c) => objectYaml(c, ref)),
    saveYaml: (input) => withClients(input, (c) => saveYaml(c, input, input)),
    createFromForm: (input) => withClients(input, (c) => createFromForm(c, input)),
    scaleObject: (input) => withClients(input, (c) => scaleObject(c, input, input.replicas)),
    rolloutRestart: (ref) => withClients(ref, async (c) => (await rolloutRestart(c, ref), OK)),
    rolloutHistory: (ref) => withClients(ref, (c) => rolloutHistory(c, ref)),
    rolloutUndo: (input) => withClients(input, (c) => rolloutUndo(c, input, input.toRevision)),
    rolloutPause: (input) => withClients(input, async (c) => (await rolloutPause(c, input, input.paused), OK)),
    cronJobRun: (input) => withClients(input, (c) => cronJobRun(c, input, input.jobName)),
    cronJobSuspend: (input) => withClients(input, async (c) => (await cronJobSuspend(c, input, input.suspend), OK)),
    dependents: (ref) => withClients(ref, (c) => dependents(c, ref)),
    deleteObject: (input) =>
      withClients(input, async (c) => (await deleteObject(c, input, input.propagationPolicy), OK)),
    cordon: (input) => withClients(input, async (c) => (await cordon(c, input.node, input.unschedulable), OK)),
    drainPlan: (input) => withClients(input, (c) => planDrain(c, input)),
    drain: (input) =>
      withClients(input, async (c) => ({
        taskId: services.tasks.start({ kind: 'kube.drain', title: `Drain node ${input.node}` }, (task) =>
          withClients(input, () => drainNode(c, input, task)),
        ),
      })),
    access: (input) => withClients(input, (c) => accessReview(c, input.checks)),
    accessRules: (input) => withClients(input, (c) => accessRules(c, input.namespace)),
  };
}
