/**
 * `kube.podLogSession`: a pod container's whole log (followed, or its previous run's) with the kubelet's
 * timestamps, written into a log session's spool line by line. The same session code serves containers.
 */
import type { StreamSink } from '../../../contract/define';
import type { LogSessionEvent } from '../../../contract/logs';
import { LineFeed } from '../../common/logs/lineFeed';
import { pumpInto, type LogSessions, type LogSource } from '../../common/logs/logSessions';
import { serveLogSession } from '../../common/logs/serveLogSession';
import { openPodLog, podLogTarget, type PodLogsRequest } from './podLogs';

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
  const { c, container } = await podLogTarget(r);
  const request: PodLogsRequest = { ...r, follow: !r.previous, tailLines: 'all', timestamps: true };
  const source: LogSource = async (spool, stop) => {
    const res = await openPodLog(c, request, container, stop);
    if (!res) return;
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
