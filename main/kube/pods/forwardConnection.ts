/**
 * How a forward's connections reach their pods: over SPDY/3.1 as kubectl does it (one session per pod,
 * kept open, new streams per connection: the kubelet's fast path), else over the port-forward WebSocket,
 * one per connection. A refused SPDY upgrade is remembered, so later connections go straight to the
 * WebSocket. Closed with the forward.
 */
import type net from 'node:net';
import type { KubeClients } from '../clients';
import { toKubeError } from '../kubeErrors';
import { openSpdySession, UpgradeRefused, type SpdySession } from './spdyForward';
import { forwardOverWebSocket } from './wsForward';

export interface ConnectionReport {
  /** The kubelet or the API server refused or broke the connection. */
  error(message: string): void;
  closed(): void;
  /** Which transport carries the connection, once it is known. */
  via?(transport: 'spdy' | 'websocket'): void;
}

export class ForwardTransport {
  private spdy = true;
  private readonly sessions = new Map<string, Promise<SpdySession>>();
  private closed = false;

  constructor(
    private readonly c: KubeClients,
    private readonly namespace: string,
  ) {}

  /** Pipes `socket` to `pod`:`port` until either side ends. */
  async connect(pod: string, port: number, socket: net.Socket, report: ConnectionReport): Promise<void> {
    socket.setNoDelay(true);
    socket.pause();
    if (this.spdy) {
      try {
        let session = await this.session(pod);
        // It closed since (idle, or the kubelet let go): open another.
        if (session.closed) session = await this.session(pod);
        if (socket.destroyed || this.closed) {
          report.closed();
          return;
        }
        report.via?.('spdy');
        session.forward(port, socket, report);
        return;
      } catch (e) {
        if (!(e instanceof UpgradeRefused)) {
          socket.destroy();
          report.error(toKubeError(e, this.c).message);
          report.closed();
          return;
        }
        this.spdy = false;
      }
    }
    report.via?.('websocket');
    await forwardOverWebSocket(this.c, this.namespace, pod, port, socket, report);
  }

  close(): void {
    this.closed = true;
    for (const s of this.sessions.values())
      void s.then(
        (x) => x.close(),
        () => undefined,
      );
    this.sessions.clear();
  }

  /** The open session to the pod's kubelet, or a new one. */
  private async session(pod: string): Promise<SpdySession> {
    const hit = this.sessions.get(pod);
    if (hit && !(await hit).closed) return hit;
    const opening = openSpdySession(this.c, this.namespace, pod, () => {
      if (this.sessions.get(pod) === opening) this.sessions.delete(pod);
    });
    this.sessions.set(pod, opening);
    opening.catch(() => {
      if (this.sessions.get(pod) === opening) this.sessions.delete(pod);
    });
    return opening;
  }
}
