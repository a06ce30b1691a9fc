/** The manifests the create forms stand for: where each kind lives, a Secret's values as stringData. */
import { describe, expect, it } from 'vitest';
import { formManifest } from '../../../../../main/kube/create/formManifest';
import { CreateForm } from '../../../../../contract/kubeActions';

describe('form manifests', () => {
  it('puts each kind at its group/version/resource, labelled as Berth’s', () => {
    const secret = formManifest(CreateForm.parse({ kind: 'Secret', name: 's', data: { k: 'v' } }), 'ns');
    expect(secret).toMatchObject({ group: '', version: 'v1', resource: 'secrets' });
    expect(secret.manifest).toMatchObject({ type: 'Opaque', stringData: { k: 'v' }, metadata: { namespace: 'ns' } });
    expect(secret.manifest).not.toHaveProperty('data');
    const job = formManifest(CreateForm.parse({ kind: 'Job', name: 'j', image: 'busybox' }), 'ns');
    expect(job).toMatchObject({ group: 'batch', resource: 'jobs' });
    expect(job.manifest).toMatchObject({
      spec: {
        backoffLimit: 0,
        template: { spec: { restartPolicy: 'Never', containers: [{ name: 'j', image: 'busybox' }] } },
      },
    });
    expect(JSON.stringify(job.manifest)).not.toContain('command');
    const dep = formManifest(
      CreateForm.parse({ kind: 'Deployment', name: 'd', image: 'i', replicas: 2, port: 80 }),
      'ns',
    );
    expect(dep.manifest).toMatchObject({
      metadata: { labels: { app: 'd', 'app.kubernetes.io/managed-by': 'berth' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'd' } } },
    });
  });
});
