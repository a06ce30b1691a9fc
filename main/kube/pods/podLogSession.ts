/**
 * `kube.podLogSession`: a pod container's whole log (followed, or its previous run's) with the kubelet's
 * timestamps, written into a log session's spool line by line. The same session code serves containers.
 */
import type { StreamSink } from '../../../contract/define';
import type { LogSessionEvent } from '../../../contract/logs';
import { ApiError } from '../../../contract/errors';
import { LineFeed } from '../../common/logs/lineFeed';
import { pumpInto, type LogSessions, type LogSource } from '../../common/logs/logSessions';
import { serveLogSession } from '../../common/logs/serveLogSession';
import { clientsFor } from '../clients';
import { toKubeError } from '../kubeErrors';
import { kubeGetStream } from './kubeRequest';
import { pickContainer } from './podContainer';
import { logRefusal, podLogPath, type PodLogsRequest } from './podLogs';

export interface PodLogSessionRequest {
  context: string;
  kubeconfig?: string;
  namespace: string;
  name: string;
  container?: string;
  previous: boolean;
}

export async function servePodLogSession(
  sessions: LogSessions,
  r: PodLogSessionRequest,
  sink: StreamSink<LogSessionEvent>,
  signal: AbortSignal,
): Promise<void> {
  const c = await clientsFor(r);
  let container: string;
  try {
    const pod = await c.core.readNamespacedPod({ name: r.name, namespace: r.namespace });
    container = pickContainer(pod, r.container).name;
  } catch (e) {
    throw toKubeError(e, c);
  }
  const request: PodLogsRequest = { ...r, follow: !r.previous, tailLines: 'all', timestamps: true };
  const source: LogSource = async (spool, stop) => {
    let res;
    try {
      res = await kubeGetStream(c, podLogPath(request, container), stop);
    } catch (e) {
      if (stop.aborted) return;
      throw e instanceof ApiError ? logRefusal(e, request, container) : e;
    }
    const feed = new LineFeed(spool, false, true);
    await pumpInto(
      spool,
      res,
      (chunk) => feed.push(chunk),
      () => feed.end(),
      stop,
    );
  };
  await serveLogSession(sessions, `${r.name}-${container}${r.previous ? '-previous' : ''}`, source, sink, signal);
}
