/**
 * Forwarded connections over SPDY/3.1, as kubectl does it: one HTTP upgrade of pods/<pod>/portforward
 * (through the API server to the kubelet) per pod, kept open, and for each local connection a new pair of
 * streams on it (error and data, one request id), its bytes piped to the local socket with backpressure
 * both ways. Reusing the session makes a new connection cost a round trip instead of a TLS handshake and
 * an upgrade; and the kubelet streams about twice as fast as over its WebSocket (see test/bench). A
 * session without connections for a minute is closed.
 * `upgradeToSpdy` rejects with UpgradeRefused when something in between does not speak SPDY.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { Duplex } from 'node:stream';
import type { KubeClients } from '../clients';
import type { ConnectionReport } from './forwardConnection';
import { serverUrl, StatusError, readBody } from './kubeRequest';
import { dataHeader, MAX_DATA, pingFrame, rstStream, SpdyReader, SpdyType, synStream } from './spdyFrames';

/** The API server (or a proxy before it) answered the upgrade with something that is not Kubernetes'. */
export class UpgradeRefused extends Error {}

/** Stop reading the session while this much waits to be written to one local socket. */
const HIGH_WATER = 2 * 1024 * 1024;
/** A session with no connection for this long is closed (its pod may be gone by then). */
const IDLE_MS = 60_000;

export function upgradePath(namespace: string, pod: string): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward`;
}

/** POSTs the upgrade to SPDY/3.1 (portforward.k8s.io); resolves with the upgraded socket and its first bytes. */
export async function upgradeToSpdy(c: KubeClients, path: string): Promise<{ socket: Duplex; head: Buffer }> {
  const opts: https.RequestOptions = {};
  await c.config.applyToHTTPSOptions(opts);
  const url = serverUrl(c, path, 'http');
  const request = url.startsWith('https:') ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      ...opts,
      method: 'POST',
      headers: {
        ...(opts.headers ?? {}),
        Connection: 'Upgrade',
        Upgrade: 'SPDY/3.1',
        'X-Stream-Protocol-Version': 'portforward.k8s.io',
      },
    });
    req.on('upgrade', (res, socket, head) => {
      if ((res.headers.upgrade ?? '').toLowerCase() !== 'spdy/3.1') {
        socket.destroy();
        reject(new UpgradeRefused(`upgraded to "${res.headers.upgrade ?? ''}", not SPDY/3.1`));
        return;
      }
      resolve({ socket, head });
    });
    req.on('response', (res) => {
      void readBody(res).then((body) => {
        const kubeStatus = /"kind"\s*:\s*"Status"/.test(body);
        reject(
          kubeStatus
            ? new StatusError(res.statusCode ?? 500, body, res.headers)
            : new UpgradeRefused(`HTTP ${res.statusCode}: ${body.slice(0, 200)}`),
        );
      }, reject);
    });
    req.on('error', reject);
    req.end();
  });
}

interface StreamPair {
  local: net.Socket;
  report: ConnectionReport;
  errorText: string;
  replies: number;
  /** Data waits for both SYN_REPLYs: the kubelet drops data on a stream it has not answered yet. */
  started: boolean;
  done: boolean;
}

/** One upgraded connection to a pod's kubelet, carrying any number of forwarded connections. */
export class SpdySession {
  private readonly reader: SpdyReader;
  /** By data stream id (error stream = data stream - 2). */
  private readonly pairs = new Map<number, StreamPair>();
  private nextStream = 1;
  private nextRequest = 0;
  private headersSent = false;
  private paused = false;
  private idleTimer: NodeJS.Timeout | undefined;
  closed = false;

  constructor(
    private readonly remote: Duplex,
    head: Buffer,
    private readonly onClosed: () => void,
  ) {
    this.reader = new SpdyReader({
      data: (stream, data, fin) => this.onData(stream, data, fin),
      control: (type, _flags, payload) => this.onControl(type, payload),
    });
    remote.on('data', (chunk: Buffer) => this.reader.push(chunk));
    remote.on('drain', () => {
      for (const p of this.pairs.values()) if (p.started && !p.done && p.local.isPaused()) p.local.resume();
    });
    remote.on('close', () => this.close());
    remote.on('error', () => this.close());
    if (head.length) this.reader.push(head);
    this.idleLater();
  }

  get streams(): number {
    return this.pairs.size;
  }

  /** Opens the streams for one local connection to `port`. */
  forward(port: number, local: net.Socket, report: ConnectionReport): void {
    if (this.closed) {
      local.destroy();
      report.error('The connection to the kubelet closed.');
      report.closed();
      return;
    }
    clearTimeout(this.idleTimer);
    const errorId = this.nextStream;
    const dataId = errorId + 2;
    this.nextStream += 4;
    const requestID = String(this.nextRequest++);
    const pair: StreamPair = { local, report, errorText: '', replies: 0, started: false, done: false };
    this.pairs.set(dataId, pair);
    local.pause();
    local.on('data', (chunk: Buffer) => {
      let ok = true;
      for (let at = 0; at < chunk.length; at += MAX_DATA) {
        const part = chunk.subarray(at, at + MAX_DATA);
        this.remote.write(dataHeader(dataId, part.length, false));
        ok = this.remote.write(part);
      }
      if (!ok) local.pause();
    });
    local.on('drain', () => this.resumeIfDrained());
    // The client is done sending: half-close the data stream; the pod's answer still comes back.
    local.on('end', () => {
      if (!pair.done && !this.closed) this.remote.write(dataHeader(dataId, 0, true));
    });
    local.on('close', () => this.end(dataId, true));
    local.on('error', () => this.end(dataId, true));
    const headers = (streamType: string) => ({ streamType, port: String(port), requestID });
    this.remote.write(synStream(errorId, headers('error'), !this.headersSent));
    this.headersSent = true;
    this.remote.write(synStream(dataId, headers('data'), false));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const id of [...this.pairs.keys()]) this.end(id, false);
    this.remote.destroy();
    this.onClosed();
  }

  /** Ends one forwarded connection; `reset` tells the kubelet to drop its streams too. */
  private end(dataId: number, reset: boolean): void {
    const p = this.pairs.get(dataId);
    if (!p || p.done) return;
    p.done = true;
    this.pairs.delete(dataId);
    if (reset && !this.closed) {
      this.remote.write(rstStream(dataId - 2));
      this.remote.write(rstStream(dataId));
    }
    if (p.errorText.trim()) p.report.error(p.errorText.trim());
    if (!p.local.destroyed) p.local.destroy();
    p.report.closed();
    this.resumeIfDrained();
    if (this.pairs.size === 0) this.idleLater();
  }

  private idleLater(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.close(), IDLE_MS);
    this.idleTimer.unref();
  }

  private corked = new Set<net.Socket>();

  private onData(stream: number, data: Buffer, fin: boolean): void {
    const pair = this.pairs.get(stream);
    if (pair) {
      const { local } = pair;
      if (data.length) {
        // The TLS socket hands over one 16 KiB record at a time: one syscall for what one read brought.
        if (!this.corked.has(local)) {
          this.corked.add(local);
          local.cork();
          process.nextTick(() => {
            this.corked.delete(local);
            local.uncork();
          });
        }
        if (!local.write(data) && local.writableLength > HIGH_WATER && !this.paused) {
          this.paused = true;
          this.remote.pause();
        }
      }
      if (fin) local.end(() => this.end(stream, false));
      return;
    }
    const errorOf = this.pairs.get(stream + 2);
    if (errorOf) {
      errorOf.errorText += data.toString('utf8');
      if (fin && errorOf.errorText.trim()) this.end(stream + 2, true);
    }
  }

  private onControl(type: number, payload: Buffer): void {
    if (type === SpdyType.synReply) {
      const id = payload.readUInt32BE(0) & 0x7fffffff;
      const pair = this.pairs.get(id) ?? this.pairs.get(id + 2);
      if (pair && ++pair.replies === 2) {
        pair.started = true;
        pair.local.resume();
      }
    } else if (type === SpdyType.ping) {
      this.remote.write(pingFrame(payload.readUInt32BE(0)));
    } else if (type === SpdyType.rstStream) {
      const id = payload.readUInt32BE(0) & 0x7fffffff;
      this.end(this.pairs.has(id) ? id : id + 2, false);
    } else if (type === SpdyType.goAway) {
      this.close();
    }
  }

  private resumeIfDrained(): void {
    if (!this.paused) return;
    for (const p of this.pairs.values()) if (p.local.writableLength > HIGH_WATER) return;
    this.paused = false;
    this.remote.resume();
  }
}

/** Opens a session to the pod's kubelet. */
export async function openSpdySession(
  c: KubeClients,
  namespace: string,
  pod: string,
  onClosed: () => void,
): Promise<SpdySession> {
  const { socket, head } = await upgradeToSpdy(c, upgradePath(namespace, pod));
  return new SpdySession(socket, head, onClosed);
}
