/**
 * The `kube.podLogs` stream: a pod container's log (or its previous run's, after a restart), split into
 * lines, optionally timestamped, batched and bounded as the Docker side does it, followed until the
 * container stops or the subscriber leaves.
 */
import type { IncomingMessage } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { StreamSink } from '../../../contract/define';
import type { PodLogsEvent } from '../../../contract/kubePods';
import type { LogLine } from '../../../contract/containers';
import { ApiError } from '../../../contract/errors';
import { LogBatcher } from '../../common/logBatcher';
import { toLogLine } from '../../common/logLine';
import { clientsFor, type KubeClients } from '../clients';
import { toKubeError } from '../kubeErrors';
import { kubeGetStream } from './kubeRequest';
import { pickContainer } from './podContainer';

export interface PodLogsRequest {
  context: string;
  kubeconfig?: string;
  namespace: string;
  name: string;
  container?: string;
  follow: boolean;
  tailLines: number | 'all';
  previous: boolean;
  timestamps: boolean;
}

export function podLogPath(r: PodLogsRequest, container: string): string {
  const q = new URLSearchParams({ container });
  if (r.follow && !r.previous) q.set('follow', 'true');
  if (r.previous) q.set('previous', 'true');
  if (r.timestamps) q.set('timestamps', 'true');
  if (r.tailLines !== 'all') q.set('tailLines', String(r.tailLines));
  return `/api/v1/namespaces/${encodeURIComponent(r.namespace)}/pods/${encodeURIComponent(r.name)}/log?${q}`;
}

/** The server's 400 for a log that cannot be read (yet), with what to do about it. */
export function logRefusal(e: ApiError, r: PodLogsRequest, container: string): ApiError {
  if (e.code !== 'invalid_input' && e.code !== 'not_found') return e;
  if (r.previous) {
    return new ApiError(
      'not_found',
      `Container "${container}" has no previous run to show: ${e.message}`,
      'A previous log exists once the container has restarted.',
    );
  }
  return new ApiError(
    'conflict',
    e.message,
    'Its log appears when the container starts; the pod’s events say why it waits.',
  );
}

/**
 * The kubelet answers 200 with only this text when the container's log is gone (the container was
 * garbage-collected: it keeps one finished container per container). Returns the container id then.
 */
export function goneLogContainer(text: string): string | undefined {
  return /^unable to retrieve container logs for (\S+)$/.exec(text.trim())?.[1];
}

function goneLog(r: PodLogsRequest, container: string): ApiError {
  return new ApiError(
    'not_found',
    r.previous
      ? `The previous run of container "${container}" is gone: the kubelet already removed it, and its log with it.`
      : `The log of container "${container}" is gone: the kubelet already removed that container.`,
    r.previous
      ? 'Kubernetes keeps one finished container per container; the current run’s log often shows the same failure.'
      : 'Its next run’s log appears when it starts again.',
  );
}

/** The clients for a pod, and which of its containers a log is for (the pod's default when none is named). */
export async function podLogTarget(
  r: Pick<PodLogsRequest, 'context' | 'kubeconfig' | 'namespace' | 'name' | 'container'>,
): Promise<{ c: KubeClients; container: string }> {
  const c = await clientsFor(r);
  try {
    const pod = await c.core.readNamespacedPod({ name: r.name, namespace: r.namespace });
    return { c, container: pickContainer(pod, r.container).name };
  } catch (e) {
    throw toKubeError(e, c);
  }
}

/** Opens a container's log; undefined when `signal` stopped it meanwhile; the kubelet's refusals said plainly. */
export async function openPodLog(
  c: KubeClients,
  r: PodLogsRequest,
  container: string,
  signal: AbortSignal,
): Promise<IncomingMessage | undefined> {
  try {
    return await kubeGetStream(c, podLogPath(r, container), signal);
  } catch (e) {
    if (signal.aborted) return undefined;
    throw e instanceof ApiError ? logRefusal(e, r, container) : e;
  }
}

export async function streamPodLogs(
  r: PodLogsRequest,
  sink: StreamSink<PodLogsEvent>,
  signal: AbortSignal,
): Promise<void> {
  const { c, container } = await podLogTarget(r);
  const res = await openPodLog(c, r, container, signal);
  if (!res) return;
  const batcher = new LogBatcher((event) => sink.next(event));
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let seen = 0;
  const accept = (raw: string[]) => {
    seen += raw.length;
    const lines: LogLine[] = new Array<LogLine>(raw.length);
    for (let i = 0; i < raw.length; i++) lines[i] = toLogLine('stdout', raw[i] as string, r.timestamps);
    batcher.add(lines);
  };
  res.on('data', (chunk: Buffer) => {
    const parts = (rest + decoder.write(chunk)).split('\n');
    rest = parts.pop() ?? '';
    accept(parts);
  });
  res.on('end', () => {
    rest += decoder.end();
    if (seen === 0 && goneLogContainer(rest)) {
      batcher.dispose();
      sink.fail(goneLog(r, container));
      return;
    }
    if (rest) accept([rest]);
    batcher.flush();
    sink.end();
  });
  res.on('error', (e) => {
    batcher.dispose();
    if (!signal.aborted) sink.fail(toKubeError(e, c));
  });
  signal.addEventListener(
    'abort',
    () => {
      batcher.dispose();
      res.destroy();
    },
    { once: true },
  );
}
