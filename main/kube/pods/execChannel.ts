/**
 * One exec connection to a container (the exec API over a WebSocket): output as it comes, the final status,
 * input and terminal size. Everything that arrives before someone listens is kept and handed over on
 * `listen`, so a session can be probed (did the shell start?) without losing its first prompt.
 */
import type WebSocket from 'ws';
import { StringDecoder } from 'node:string_decoder';
import type { KubeClients } from '../clients';
import { Channel, execOutcome, frame, parseExecStatus, type ExecOutcome } from './execStatus';
import { openChannelSocket, type ChannelSocket } from './kubeRequest';

export interface ExecTarget {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
}

export type ExecSignal =
  { type: 'output'; data: string } | { type: 'status'; outcome: ExecOutcome } | { type: 'closed' };

export function execPath(t: ExecTarget): string {
  const q = new URLSearchParams({ container: t.container, stdin: 'true', stdout: 'true' });
  q.set('stderr', t.tty ? 'false' : 'true');
  q.set('tty', String(t.tty));
  for (const part of t.command) q.append('command', part);
  return `/api/v1/namespaces/${encodeURIComponent(t.namespace)}/pods/${encodeURIComponent(t.pod)}/exec?${q}`;
}

export class ExecChannel {
  private listener: ((s: ExecSignal) => void) | undefined;
  private readonly early: ExecSignal[] = [];
  private readonly decoder = new StringDecoder('utf8');
  private closed = false;

  private readonly ws: WebSocket;

  private constructor(channel: ChannelSocket) {
    this.ws = channel.ws;
    channel.listen((data) => {
      if (data.length === 0) return;
      const channel = data[0];
      const body = data.subarray(1);
      if (channel === Channel.stdout || channel === Channel.stderr) {
        const text = this.decoder.write(body);
        if (text) this.emit({ type: 'output', data: text });
      } else if (channel === Channel.status) {
        this.emit({ type: 'status', outcome: execOutcome(parseExecStatus(body)) });
      }
    });
    channel.onClose(() => {
      if (this.closed) return;
      this.closed = true;
      const tail = this.decoder.end();
      if (tail) this.emit({ type: 'output', data: tail });
      this.emit({ type: 'closed' });
    });
  }

  static async open(c: KubeClients, target: ExecTarget, size?: { cols: number; rows: number }): Promise<ExecChannel> {
    const ch = new ExecChannel(await openChannelSocket(c, execPath(target)));
    if (size && target.tty) ch.resize(size.cols, size.rows);
    return ch;
  }

  /** Delivers what arrived so far, then everything that follows. */
  listen(listener: (s: ExecSignal) => void): void {
    this.listener = listener;
    for (const s of this.early.splice(0)) listener(s);
  }

  /** Resolves with the first thing the command did: printed, ended, or the connection closed. */
  first(timeoutMs: number): Promise<ExecSignal | { type: 'quiet' }> {
    const seen = this.early[0];
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ type: 'quiet' });
      }, timeoutMs);
      this.waiter = (s) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(s);
      };
    });
  }
  private waiter: ((s: ExecSignal) => void) | undefined;

  write(data: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame(Channel.stdin, data));
  }

  resize(cols: number, rows: number): void {
    if (this.ws.readyState === this.ws.OPEN)
      this.ws.send(frame(Channel.resize, JSON.stringify({ Width: cols, Height: rows })));
  }

  close(): void {
    this.closed = true;
    this.listener = undefined;
    this.ws.close();
  }

  private emit(s: ExecSignal): void {
    if (this.listener) {
      this.listener(s);
      return;
    }
    this.early.push(s);
    this.waiter?.(s);
  }
}
