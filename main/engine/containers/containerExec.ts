/**
 * Interactive terminals: `docker exec -it` sessions. A session is opened by the `containers.terminal`
 * stream (which pushes the output) and written to / resized by calls naming its session id. The session
 * ends when the shell exits or the subscriber goes away.
 */
import type Docker from 'dockerode';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { StreamSink } from '../../../contract/define';
import type { TerminalEvent } from '../../../contract/containers';
import { ApiError } from '../../../contract/errors';
import { LogDemuxer } from './containerLogDemux';

export interface TerminalRequest {
  id: string;
  shell: string;
  command?: string[];
  cols: number;
  rows: number;
}

interface Session {
  exec: Docker.Exec;
  stream: Duplex;
}

/** Finds bash, then sh, with a short non-interactive exec. */
async function pickShell(container: Docker.Container): Promise<string[]> {
  try {
    const probe = await container.exec({
      Cmd: ['sh', '-c', 'command -v bash || command -v sh'],
      AttachStdout: true,
      AttachStderr: true,
    });
    const stream = await probe.start({ hijack: true, stdin: false });
    const demux = new LogDemuxer(true);
    const lines: string[] = [];
    await new Promise<void>((resolve) => {
      stream.on('data', (c: Buffer) => lines.push(...demux.push(c).map((l) => l.raw)));
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    lines.push(...demux.end().map((l) => l.raw));
    // `command -v` prints a path, or just the name for a shell built into busybox.
    const found = lines.map((l) => l.trim()).find((l) => /(^|\/)(bash|sh)$/.test(l));
    if (found) return [found];
  } catch {
    /* no sh to probe with: try bash directly */
    return ['bash'];
  }
  return ['sh'];
}

export class TerminalSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly docker: Docker) {}

  async open(request: TerminalRequest, sink: StreamSink<TerminalEvent>, signal: AbortSignal): Promise<void> {
    const container = this.docker.getContainer(request.id);
    const info = await container.inspect();
    const name = info.Name.replace(/^\//, '');
    if (!info.State.Running || info.State.Paused) {
      throw new ApiError(
        'conflict',
        `${name} is ${info.State.Paused ? 'paused' : 'not running'}, so there is nothing to open a terminal in.`,
        info.State.Paused ? 'Unpause it first.' : 'Start it first.',
      );
    }
    const command =
      request.command && request.command.length
        ? request.command
        : request.shell === 'auto'
          ? await pickShell(container)
          : [request.shell];
    if (signal.aborted) return;
    const exec = await container.exec({
      Cmd: command,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      // No COLUMNS/LINES: shells would prefer them over the TTY's real size after a resize.
      Env: ['TERM=xterm-256color'],
    });
    const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
    const sessionId = randomUUID();
    this.sessions.set(sessionId, { exec, stream });
    const decoder = new StringDecoder('utf8');
    let ended = false;
    const finish = async () => {
      if (ended) return;
      ended = true;
      this.sessions.delete(sessionId);
      const tail = decoder.end();
      if (tail) sink.next({ type: 'output', data: tail });
      let code: number | null = null;
      try {
        code = (await exec.inspect()).ExitCode ?? null;
      } catch {
        /* the container went away with the session */
      }
      sink.next({ type: 'exit', code });
      sink.end();
    };
    stream.on('data', (chunk: Buffer) => {
      const data = decoder.write(chunk);
      if (data) sink.next({ type: 'output', data });
    });
    stream.on('end', () => void finish());
    stream.on('close', () => void finish());
    stream.on('error', () => void finish());
    signal.addEventListener(
      'abort',
      () => {
        ended = true;
        this.sessions.delete(sessionId);
        stream.destroy();
      },
      { once: true },
    );
    sink.next({ type: 'started', sessionId, command });
    await exec.resize({ h: request.rows, w: request.cols }).catch(() => {});
  }

  write(sessionId: string, data: string): void {
    const s = this.get(sessionId);
    s.stream.write(data);
  }

  async resize(sessionId: string, cols: number, rows: number): Promise<void> {
    await this.get(sessionId).exec.resize({ h: rows, w: cols });
  }

  closeAll(): void {
    for (const s of this.sessions.values()) s.stream.destroy();
    this.sessions.clear();
  }

  private get(sessionId: string): Session {
    const s = this.sessions.get(sessionId);
    if (!s) throw new ApiError('not_found', 'That terminal session has ended.', 'Open a new terminal.');
    return s;
  }
}
