/**
 * The opening stream of a log session, shared by containers and pods: opens the session, says its id, then
 * reports its state as it grows (at most every 50 ms, at once when the source ends), and closes it — the
 * spool deleted — when the subscriber leaves.
 */
import type { StreamSink } from '../../../contract/define';
import type { LogSessionEvent } from '../../../contract/logs';
import type { LogSessions, LogSource } from './logSessions';

const STATE_INTERVAL_MS = 50;

export async function serveLogSession(
  sessions: LogSessions,
  name: string,
  source: LogSource,
  sink: StreamSink<LogSessionEvent>,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted) return;
  const session = await sessions.open(name, source);
  if (signal.aborted) {
    await sessions.close(session.id);
    return;
  }
  sink.next({ type: 'opened', session: session.id });
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    const state = session.state();
    const key = JSON.stringify(state);
    if (key === last) return;
    last = key;
    sink.next({ type: 'state', ...state });
  };
  send();
  const off = session.onChange(() => {
    if (!session.following) send();
    else timer ??= setTimeout(send, STATE_INTERVAL_MS);
  });
  signal.addEventListener(
    'abort',
    () => {
      off();
      clearTimeout(timer);
      void sessions.close(session.id);
    },
    { once: true },
  );
}
