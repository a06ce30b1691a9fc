/**
 * The baseline of item 17's memory figure, run as its own node process (`node --expose-gc --import tsx
 * informerBaseline.ts <kubeconfig> <context> <namespace>`): a plain @kubernetes/client-node informer
 * (makeInformer: list, then watch, keeping every pod of the namespace in its cache) on the same pods
 * Berth watches. Each line "sample" on stdin is answered with one JSON line: heap after GC, RSS, pods
 * cached and Running.
 */
import { createInterface } from 'node:readline';
import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';

const [kubeconfig, context, namespace] = process.argv.slice(2);
if (!kubeconfig || !context || !namespace)
  throw new Error('usage: informerBaseline.ts <kubeconfig> <context> <namespace>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
kc.setCurrentContext(context);
const core = kc.makeApiClient(CoreV1Api);
const informer = makeInformer<V1Pod>(kc, `/api/v1/namespaces/${namespace}/pods`, () =>
  core.listNamespacedPod({ namespace }),
);
// As an app would: an error ends the watch; start it again.
informer.on('error', () => setTimeout(() => void informer.start(), 1000));
await informer.start();

const MiB = 1024 * 1024;
const input = createInterface({ input: process.stdin });
// The bench ended (or died): nothing will ask again.
input.on('close', () => process.exit(0));
input.on('line', (line) => {
  if (line.trim() !== 'sample') return;
  gc();
  const m = process.memoryUsage();
  const pods = informer.list();
  const running = pods.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp).length;
  process.stdout.write(
    JSON.stringify({ heapMiB: m.heapUsed / MiB, rssMiB: m.rss / MiB, pods: pods.length, running }) + '\n',
  );
});
process.stdout.write('ready\n');
