/**
 * `containers.logSession`: a container's whole log (`docker logs --follow --timestamps`, from the first
 * line) written into a log session's spool. The engine's multiplexed frames are split at the byte level
 * (stdout and stderr each into their own lines); a TTY container's log is plain bytes.
 */
import type Docker from 'dockerode';
import type { StreamSink } from '../../../contract/define';
import type { LogSessionEvent } from '../../../contract/logs';
import { ApiError } from '../../../contract/errors';
import { LineFeed } from '../../common/logs/lineFeed';
import { pumpInto, type LogSessions, type LogSource } from '../../common/logs/logSessions';
import { serveLogSession } from '../../common/logs/serveLogSession';
import { rawGet } from '../transport/rawStream';

/** Splits the engine's frames (8-byte header: stream, 3 zero bytes, big-endian length) into payloads. */
export class FrameSplitter {
  private pending: Buffer | undefined;

  constructor(private readonly onPayload: (stderr: boolean, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    const bytes = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let at = 0;
    while (bytes.length - at >= 8) {
      const size = bytes.readUInt32BE(at + 4);
      if (bytes.length - at - 8 < size) break;
      this.onPayload(bytes[at] === 2, bytes.subarray(at + 8, at + 8 + size));
      at += 8 + size;
    }
    if (at < bytes.length) this.pending = Buffer.from(bytes.subarray(at));
  }
}

/** How often a created (never started) container is asked whether it started. */
const START_POLL_MS = 500;
/** The pause before asking again whether a container whose log ended still runs. */
const RECHECK_MS = 500;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits while the container was created but never started: the engine would end a followed log of it at
 * once, empty, and the view would miss everything it prints once the user starts it. Resolves with the
 * time it (last) started.
 */
async function untilStarted(docker: Docker, id: string, signal: AbortSignal): Promise<string> {
  for (;;) {
    const { State } = await docker.getContainer(id).inspect();
    const started = State.Running || !State.StartedAt || !State.StartedAt.startsWith('0001-');
    if (started || signal.aborted) return State.StartedAt;
    await delay(START_POLL_MS);
  }
}

/**
 * The log's end came (the raw stream cannot tell an end from a cut): a container still running the same
 * start has not ended its log — the connection was cut.
 */
async function checkEnded(docker: Docker, id: string, startedAt: string): Promise<void> {
  // Asked twice: the link that dropped may have taken the kept-alive connection this call is first sent on.
  const inspect = () => docker.getContainer(id).inspect();
  const { State } = await inspect().catch(() => delay(RECHECK_MS).then(inspect));
  if (State.Running && State.StartedAt === startedAt) {
    throw new ApiError(
      'engine_unreachable',
      'The connection to the Docker engine closed while the container was still writing its log.',
      'Open the log again; if it keeps happening, check the engine (its log) and the link to it.',
    );
  }
}

export function containerLogSource(docker: Docker, id: string, tty: boolean): LogSource {
  return async (spool, signal) => {
    const startedAt = await untilStarted(docker, id, signal);
    if (signal.aborted) return;
    // No `tail`: the engine sends every line. Read raw (rawStream.ts): a followed log is a write per line.
    const query = 'follow=1&stdout=1&stderr=1&timestamps=1';
    const stream = await rawGet(docker, `/containers/${encodeURIComponent(id)}/logs?${query}`, signal).catch(
      (e: unknown) => {
        if (signal.aborted) return undefined;
        throw e;
      },
    );
    if (!stream) return;
    const out = new LineFeed(spool, false, true, !tty);
    const err = new LineFeed(spool, true, true, true);
    const frames = tty ? undefined : new FrameSplitter((stderr, p) => (stderr ? err : out).push(p));
    await pumpInto(
      spool,
      stream,
      (chunk) => (frames ? frames.push(chunk) : out.push(chunk)),
      () => {
        out.end();
        err.end();
      },
      signal,
    );
    if (!signal.aborted) await checkEnded(docker, id, startedAt);
  };
}

export async function serveContainerLogSession(
  docker: Docker,
  sessions: LogSessions,
  id: string,
  sink: StreamSink<LogSessionEvent>,
  signal: AbortSignal,
): Promise<void> {
  const info = await docker.getContainer(id).inspect();
  const name = info.Name.replace(/^\//, '') || id.slice(0, 12);
  await serveLogSession(sessions, name, containerLogSource(docker, info.Id, Boolean(info.Config.Tty)), sink, signal);
}
