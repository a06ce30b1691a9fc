/**
 * Reads a container's log the way the Logs tab does — a log session (containers.logSession), then its lines
 * through logs.read — until one line has the wanted text; closes the session. For engines over every
 * transport (ssh, TLS, Podman): the session's spool must fill from each as from the local socket.
 */
import type { LogSessionEvent, SessionLine } from '../../contract/logs';
import type { ApiClient } from '../../contract/api';
import { eventually } from './docker';

export async function sessionLineWith(
  api: ApiClient,
  id: string,
  text: string,
  timeoutMs: number,
): Promise<SessionLine> {
  let session: string | undefined;
  let lines = 0;
  let ended: string | undefined;
  const sub = api.containers.logSession.subscribe(
    { id },
    {
      onEvent: (e: LogSessionEvent) => {
        if (e.type === 'opened') session = e.session;
        else lines = e.lines;
      },
      onEnd: (error) => (ended = error?.message ?? 'ended'),
    },
  );
  try {
    let found: SessionLine | undefined;
    await eventually(
      `a line "${text}" in the log session`,
      async () => {
        if (ended) throw new Error(`The log session ended: ${ended}`);
        if (!session || lines === 0) return undefined;
        const read = await api.logs.read({ session, from: 0, to: Math.min(lines, 5000) });
        found = read.lines.find((l) => l.text === text);
        return found;
      },
      timeoutMs,
    );
    return found!;
  } finally {
    sub.unsubscribe();
  }
}
