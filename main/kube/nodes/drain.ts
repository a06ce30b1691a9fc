/**
 * kubectl drain as a task: cordon the node, plan (drainPlan.ts), then evict every pod through the eviction
 * API at once, each pod a step. An eviction a PodDisruptionBudget refuses (429) is tried again every few
 * seconds with the server's reason shown on its step, until the timeout; an evicted pod's step ends when it
 * is gone from the node. A blocked plan fails the task before anything is evicted, naming the pods and why.
 * The node stays cordoned when the drain fails or is cancelled, as with kubectl. A drain that fails midway
 * (the API server gone, a budget that never allows) says which pods were evicted and which were not, marks
 * the others' steps "Not evicted", and keeps the cause's code: drained again, it evicts what is left.
 * A server error on an eviction (HTTP 5xx) is tried again a few times, a second apart: an API server that
 * is stopping answers 500 when its own loopback call for the pod's budgets is refused, and one behind a
 * load balancer 502/503/504 while a replica restarts; the next try then meets the real state (evicted,
 * refused by the budget, or the server unreachable).
 */
import { ApiError } from '../../../contract/errors';
import type { DrainOptions } from '../../../contract/kubeActions';
import type { z } from 'zod';
import type { TaskHandle } from '../../tasks/taskManager';
import type { KubeClients } from '../clients';
import { toKubeError } from '../kubeErrors';
import { kubeJson } from '../objectRest';
import { StatusError } from '../pods/kubeRequest';
import { cordon } from './cordon';
import { drainPlan, type PodLike } from './drainPlan';
import { PodsGone } from './podsGone';
import { statusOf } from '../objectRest';

type Options = z.output<typeof DrainOptions>;

/** How long kubectl waits before asking again after a budget refused an eviction. */
export const EVICTION_RETRY_MS = 5000;

/** How many times one eviction is sent when the server answers 5xx, and the pause between. */
export const SERVER_ERROR_TRIES = 3;
const SERVER_ERROR_PAUSE_MS = 1000;

type Pod = PodLike & { metadata?: { uid?: string } };

export async function listNodePods(c: KubeClients, node: string): Promise<Pod[]> {
  const list = await kubeJson<{ items?: Pod[] }>(c, 'GET', '/api/v1/pods', {
    query: { fieldSelector: `spec.nodeName=${node}` },
  });
  return list.items ?? [];
}

export async function planDrain(c: KubeClients, options: Options) {
  return drainPlan(await listNodePods(c, options.node), options);
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(new ApiError('cancelled', 'Cancelled.'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(new ApiError('cancelled', 'Cancelled.'));
    };
    signal.addEventListener('abort', stop, { once: true });
  });

export async function drainNode(c: KubeClients, options: Options, task: TaskHandle, retryMs = EVICTION_RETRY_MS) {
  const { node } = options;
  task.progress({ message: `Cordoning ${node}…` });
  await cordon(c, node, true);
  const pods = await listNodePods(c, node);
  const plan = drainPlan(pods, options);
  for (const s of plan.skipped) task.log(`skipped ${s.namespace}/${s.name}: ${s.reason}`);
  if (plan.blocked.length) {
    const list = plan.blocked.map((b) => `${b.namespace}/${b.name}: ${b.reason}`);
    task.log(...list);
    throw new ApiError(
      'failed',
      `Cannot drain ${node}: ${plan.blocked.length} pod(s) would be lost — ${list.join('; ')}`,
      'Allow them in the drain options (force, delete emptyDir data), or move them yourself. The node stays cordoned.',
      { blocked: plan.blocked },
    );
  }
  const uidOf = new Map(pods.map((p) => [`${p.metadata?.namespace}/${p.metadata?.name}`, p.metadata?.uid ?? '']));
  const gone = new PodsGone(c, node);
  await gone.start();
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  let done = 0;
  const total = plan.evict.length;
  task.progress({ fraction: total ? 0 : 1, message: total ? `Evicting ${total} pod(s)…` : 'Nothing to evict.' });
  const step = (id: string, status: string, fraction: number | null) => task.step({ id, label: id, status, fraction });

  // The first pod that fails stops the others' retries and waits.
  const stopAll = new AbortController();
  const signal = AbortSignal.any([task.signal, stopAll.signal]);

  /** Pods whose eviction the API server accepted (or that were already gone). */
  const accepted = new Set<string>();
  const evictOne = async (pod: { namespace: string; name: string }) => {
    const id = `${pod.namespace}/${pod.name}`;
    step(id, 'Evicting', null);
    let serverErrors = 0;
    for (;;) {
      if (signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
      try {
        await kubeJson(c, 'POST', `/api/v1/namespaces/${pod.namespace}/pods/${pod.name}/eviction`, {
          body: {
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: pod.name, namespace: pod.namespace },
            ...(options.gracePeriodSeconds !== undefined
              ? { deleteOptions: { gracePeriodSeconds: options.gracePeriodSeconds } }
              : {}),
          },
          signal,
        });
        break;
      } catch (e) {
        if (e instanceof StatusError && e.code === 404) break;
        if (e instanceof StatusError && e.code === 429) {
          // "Cannot evict pod as it would violate the pod's disruption budget." + which budget and its numbers.
          const status = statusOf(e);
          const causes = (status?.details?.causes ?? []).map((c) => c.message).filter(Boolean);
          const why = [status?.message ?? e.message, ...causes].join(' ');
          if (Date.now() > deadline) {
            step(id, `Blocked: ${why}`, null);
            throw new ApiError(
              'failed',
              `Eviction of ${id} still refused after ${options.timeoutSeconds}s: ${why}`,
              'A PodDisruptionBudget allows no disruption now: scale the workload up or relax the budget, then drain again.',
            );
          }
          step(id, `Blocked, retrying: ${why}`, null);
          task.log(`${id}: ${why} (retrying in ${Math.round(retryMs / 1000)}s)`);
          await sleep(retryMs, signal);
          continue;
        }
        if (e instanceof StatusError && e.code >= 500 && ++serverErrors < SERVER_ERROR_TRIES) {
          step(id, `Server error, retrying: ${e.message}`, null);
          task.log(`${id}: HTTP ${e.code} ${e.message} (try ${serverErrors + 1} of ${SERVER_ERROR_TRIES} in 1s)`);
          await sleep(Math.min(retryMs, SERVER_ERROR_PAUSE_MS), signal);
          continue;
        }
        throw toKubeError(e, c);
      }
    }
    accepted.add(id);
    step(id, 'Evicted; waiting for it to go', null);
    const uid = uidOf.get(id) ?? '';
    const waited = new AbortController();
    try {
      await Promise.race([
        gone.gone(uid),
        sleep(Math.max(deadline - Date.now(), 0), AbortSignal.any([signal, waited.signal])).then(() => {
          throw new ApiError('failed', `${id} was evicted but is still on ${node} after ${options.timeoutSeconds}s.`);
        }),
      ]);
    } finally {
      waited.abort();
    }
    done++;
    step(id, 'Evicted', 1);
    task.progress({ fraction: done / total, message: `Evicted ${done} of ${total}` });
  };

  try {
    await Promise.all(
      plan.evict.map((pod) =>
        evictOne(pod).catch((e: unknown) => {
          stopAll.abort();
          throw e;
        }),
      ),
    );
  } catch (e) {
    throw stoppedMidway(e, node, plan.evict, accepted, (id) => step(id, 'Not evicted', null));
  } finally {
    gone.close();
  }
  return { node, evicted: plan.evict.length, skipped: plan.skipped.length };
}

/**
 * The error of a drain that stopped with pods left: the cause's code and hint, with which pods were evicted,
 * which not (their steps marked), and that the node stays cordoned. A cancel stays a plain cancel.
 */
function stoppedMidway(
  cause: unknown,
  node: string,
  planned: Array<{ namespace: string; name: string }>,
  accepted: Set<string>,
  notEvicted: (id: string) => void,
): unknown {
  if (!(cause instanceof ApiError) || cause.code === 'cancelled') return cause;
  const ids = planned.map((p) => `${p.namespace}/${p.name}`);
  const left = ids.filter((id) => !accepted.has(id));
  if (left.length === 0) return cause;
  for (const id of left) notEvicted(id);
  const evicted = ids.filter((id) => accepted.has(id));
  return new ApiError(
    cause.code,
    `Drain of ${node} stopped: ${cause.message} Evicted: ${evicted.join(', ') || 'none'}. ` +
      `Not evicted: ${left.join(', ')}. ${node} stays cordoned.`,
    `${cause.hint ?? ''} Then drain ${node} again: it evicts the pods still there.`.trim(),
    { evicted, notEvicted: left, ...(cause.details !== undefined ? { cause: cause.details } : {}) },
  );
}
