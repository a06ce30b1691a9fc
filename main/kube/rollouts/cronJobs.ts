/**
 * A CronJob run now — `kubectl create job --from=cronjob/<name>`: a Job from its jobTemplate, owned by the
 * CronJob and marked as a manual instantiation — and suspend/resume of its schedule.
 */
import { ApiError } from '../../../contract/errors';
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';

interface CronJobLike {
  apiVersion?: string;
  metadata?: { name?: string; uid?: string };
  spec?: {
    jobTemplate?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec?: unknown;
    };
  };
}

function requireCronJob(ref: KubeObjectRef): void {
  if (ref.group !== 'batch' || ref.resource !== 'cronjobs') {
    throw new ApiError('invalid_input', `${ref.resource} are not CronJobs.`, 'Run now and suspend are for CronJobs.');
  }
}

/** `<cronjob>-manual-<base36 time>`, at most 63 characters (a Job name becomes a pod label value). */
export function manualJobName(cronJob: string, now = Date.now()): string {
  const suffix = `-manual-${now.toString(36).slice(-6)}`;
  return `${cronJob.slice(0, 63 - suffix.length)}${suffix}`;
}

export function jobFromCronJob(cron: CronJobLike, name: string, namespace: string) {
  const template = cron.spec?.jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace,
      labels: template.metadata?.labels ?? {},
      annotations: { ...(template.metadata?.annotations ?? {}), 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [
        {
          apiVersion: cron.apiVersion ?? 'batch/v1',
          kind: 'CronJob',
          name: cron.metadata?.name ?? '',
          uid: cron.metadata?.uid ?? '',
          controller: true,
        },
      ],
    },
    spec: template.spec ?? {},
  };
}

export async function cronJobRun(c: KubeClients, ref: KubeObjectRef, jobName?: string): Promise<{ job: string }> {
  requireCronJob(ref);
  const cron = await kubeJson<CronJobLike>(c, 'GET', resourcePath(ref));
  const name = jobName ?? manualJobName(ref.name);
  const jobsPath = resourcePath({ group: 'batch', version: 'v1', resource: 'jobs', namespace: ref.namespace });
  const job = await kubeJson<{ metadata?: { name?: string } }>(c, 'POST', jobsPath, {
    body: jobFromCronJob(cron, name, ref.namespace ?? 'default'),
    query: { fieldManager: 'berth' },
  });
  return { job: job.metadata?.name ?? name };
}

export async function cronJobSuspend(c: KubeClients, ref: KubeObjectRef, suspend: boolean): Promise<void> {
  requireCronJob(ref);
  await kubeJson(c, 'PATCH', resourcePath(ref), {
    body: { spec: { suspend } },
    contentType: 'application/merge-patch+json',
    query: { fieldManager: 'berth' },
  });
}
