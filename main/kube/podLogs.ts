/** A pod container's log, followed: lines are batched and pushed until the subscriber leaves. */
import { Writable } from 'node:stream';
import type { StreamSink } from '../../contract/define';
import type { KubeTarget } from '../../contract/kube';
import { clientsFor } from './clients';
import { k8s } from './k8s';
import { toKubeError } from './kubeErrors';

export interface PodLogInput extends KubeTarget {
  namespace: string;
  name: string;
  container?: string;
  follow: boolean;
  tailLines: number;
}

export async function streamPodLogs(input: PodLogInput, sink: StreamSink<{ lines: string[] }>, signal: AbortSignal) {
  const c = await clientsFor(input);
  const { Log } = await k8s();
  let container = input.container;
  try {
    if (!container) {
      const pod = await c.core.readNamespacedPod({ name: input.name, namespace: input.namespace });
      container = pod.spec?.containers[0]?.name ?? '';
    }
  } catch (e) {
    throw toKubeError(e, c);
  }
  let rest = '';
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (pending.length) sink.next({ lines: pending });
    pending = [];
  };
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop() ?? '';
      pending.push(...parts);
      timer ??= setTimeout(flush, 50);
      done();
    },
    final(done) {
      if (rest) pending.push(rest);
      flush();
      done();
    },
  });
  out.on('finish', () => {
    clearTimeout(timer);
    sink.end();
  });
  try {
    const controller = await new Log(c.config).log(input.namespace, input.name, container, out, {
      follow: input.follow,
      tailLines: input.tailLines,
    });
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', () => controller.abort(), { once: true });
  } catch (e) {
    throw toKubeError(e, c);
  }
}
