/**
 * `containers.logSession`: a container's whole log (`docker logs --follow --timestamps`, from the first
 * line) written into a log session's spool. The engine's multiplexed frames are split at the byte level
 * (stdout and stderr each into their own lines); a TTY container's log is plain bytes.
 */
import type Docker from 'dockerode';
import type { StreamSink } from '../../../contract/define';
import type { LogSessionEvent } from '../../../contract/logs';
import { LineFeed } from '../../common/logs/lineFeed';
import { pumpInto, type LogSessions, type LogSource } from '../../common/logs/logSessions';
import { serveLogSession } from '../../common/logs/serveLogSession';

type Destroyable = NodeJS.ReadableStream & { destroy?: () => void };

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

/**
 * Waits while the container was created but never started: the engine would end a followed log of it at
 * once, empty, and the view would miss everything it prints once the user starts it.
 */
async function untilStarted(docker: Docker, id: string, signal: AbortSignal): Promise<void> {
  for (;;) {
    const { State } = await docker.getContainer(id).inspect();
    const started = State.Running || !State.StartedAt || !State.StartedAt.startsWith('0001-');
    if (started || signal.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, START_POLL_MS));
  }
}

export function containerLogSource(docker: Docker, id: string, tty: boolean): LogSource {
  return async (spool, signal) => {
    await untilStarted(docker, id, signal);
    if (signal.aborted) return;
    const stream = (await docker.getContainer(id).logs({
      follow: true,
      stdout: true,
      stderr: true,
      timestamps: true, // no `tail`: the engine sends every line
    })) as Destroyable;
    if (signal.aborted) {
      stream.destroy?.();
      return;
    }
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
