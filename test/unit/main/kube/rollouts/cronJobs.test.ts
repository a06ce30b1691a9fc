/** kubectl create job --from=cronjob: the Job's name, owner, labels and manual-instantiation mark. */
import { describe, expect, it } from 'vitest';
import { jobFromCronJob, manualJobName } from '../../../../../main/kube/rollouts/cronJobs';

describe('a Job from a CronJob', () => {
  it('names it <cronjob>-manual-<suffix> within 63 characters', () => {
    expect(manualJobName('nightly', 36 ** 6 + 35)).toBe('nightly-manual-00000z');
    const long = manualJobName('x'.repeat(80));
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^x+-manual-[0-9a-z]{6}$/);
  });

  it('copies the template, owned by the CronJob, marked manual', () => {
    const job = jobFromCronJob(
      {
        apiVersion: 'batch/v1',
        metadata: { name: 'nightly', uid: 'u1' },
        spec: {
          jobTemplate: { metadata: { labels: { a: 'b' }, annotations: { note: 'x' } }, spec: { backoffLimit: 2 } },
        },
      },
      'run-1',
      'ns',
    );
    expect(job).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'run-1',
        namespace: 'ns',
        labels: { a: 'b' },
        annotations: { note: 'x', 'cronjob.kubernetes.io/instantiate': 'manual' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'u1', controller: true }],
      },
      spec: { backoffLimit: 2 },
    });
  });
});
