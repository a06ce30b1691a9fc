/**
 * The menu's one-click actions (restart, pause, resume, run now, suspend, cordon...): each a call, a
 * confirmation where it disrupts something, and a toast saying what happened or what to do.
 */
import { api } from '../../../api';
import { confirm } from '../../../components/ConfirmDialog';
import { attempt, notify } from '../../../stores/toastStore';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import type { ActionId } from './catalog';

const done = (title: string) => (out: unknown) => {
  if (out !== undefined) notify('success', title);
};

export async function runAction(id: ActionId, ref: KubeObjectRef): Promise<void> {
  const node = { context: ref.context, kubeconfig: ref.kubeconfig, node: ref.name };
  switch (id) {
    case 'restart': {
      const answer = await confirm({
        title: `Restart ${ref.name}?`,
        message: 'Its pods are replaced one by one, as in a new rollout.',
        confirmLabel: 'Restart',
      });
      if (answer.ok)
        done(`Restarting ${ref.name}`)(await attempt(`Restart ${ref.name}`, () => api.kube.rolloutRestart(ref)));
      return;
    }
    case 'pause':
    case 'resume': {
      const paused = id === 'pause';
      const title = `${paused ? 'Pause' : 'Resume'} ${ref.name}`;
      return done(title)(await attempt(title, () => api.kube.rolloutPause({ ...ref, paused })));
    }
    case 'runNow': {
      const out = await attempt(`Run ${ref.name}`, () => api.kube.cronJobRun(ref));
      if (out) notify('success', `Started job ${out.job}`);
      return;
    }
    case 'suspend':
    case 'unsuspend': {
      const suspend = id === 'suspend';
      const title = `${suspend ? 'Suspend' : 'Resume'} ${ref.name}`;
      return done(title)(await attempt(title, () => api.kube.cronJobSuspend({ ...ref, suspend })));
    }
    case 'cordon':
    case 'uncordon': {
      const unschedulable = id === 'cordon';
      const title = `${unschedulable ? 'Cordon' : 'Uncordon'} ${ref.name}`;
      return done(title)(await attempt(title, () => api.kube.cordon({ ...node, unschedulable })));
    }
    default:
      return;
  }
}
