/**
 * The offline kind node image (test/kind-node/build.sh) makes a real cluster: a control plane and a worker
 * from that image with the real kind CLI, a pod from an image loaded with `kind load docker-image` runs on
 * the worker, and its logs are readable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { createKindCluster, kindNodeImage, type KindCluster } from '../helpers/kindNode';
import { FIXTURE_BUSYBOX } from '../helpers/docker';

let cluster: KindCluster | undefined;

beforeAll(async () => {
  const image = await kindNodeImage();
  cluster = await createKindCluster({ image, workers: 1, prefix: 'berth-node' });
  await cluster.loadImages(FIXTURE_BUSYBOX);
}, 90 * 60_000);

afterAll(async () => {
  await cluster?.delete();
}, 180_000);

describe('kind node image', () => {
  it('runs a pod on the worker whose logs are readable', async () => {
    const c = cluster;
    if (!c) throw new Error('the cluster was not created');
    const worker = `${c.name}-worker`;
    const pod = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hello', namespace: 'default' },
      spec: {
        nodeName: worker,
        containers: [
          {
            name: 'hello',
            image: FIXTURE_BUSYBOX,
            imagePullPolicy: 'Never',
            command: ['sh', '-c', 'echo "hello from $(hostname)"; sleep 3600'],
          },
        ],
      },
    });
    await c.kubectl('wait', '--for=condition=Ready', 'node', '--all', '--timeout=180s');
    const file = `${c.kubeconfig}.pod.json`;
    writeFileSync(file, pod);
    await c.kubectl('apply', '-f', file);
    await c.kubectl('wait', '--for=condition=Ready', 'pod/hello', '--timeout=180s');
    expect(await c.kubectl('get', 'pod', 'hello', '-o', 'jsonpath={.spec.nodeName}')).toBe(worker);
    expect(await c.kubectl('logs', 'hello')).toBe('hello from hello');
  });
});
