/**
 * One forwarded connection over the port-forward API's WebSocket (pods/<pod>/portforward?ports=N, the
 * channel protocol): the fallback when SPDY cannot get through. Bytes as they are, with backpressure both
 * ways and no copy on the way in. The kubelet's error channel (nothing listening on that port, ...) closes
 * the connection and is reported.
 */
import type net from 'node:net';
import type { KubeClients } from '../clients';
import type { ConnectionReport } from './forwardConnection';
import { Channel, frame } from './execStatus';
import { openChannelSocket, type ChannelSocket } from './kubeRequest';

const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io', 'channel.k8s.io'];
/** Stop reading the local socket while this much is queued for the WebSocket, resume below LOW. */
const HIGH_WATER = 4 * 1024 * 1024;
const LOW_WATER = 1024 * 1024;
/**
 * Stop reading the WebSocket while this much waits to be written to the local socket. Far above the
 * socket's own 16 KiB mark: pausing at every 32 KiB frame the kubelet sends would stall the stream.
 */
const SOCKET_HIGH_WATER = 2 * 1024 * 1024;

export function portForwardPath(namespace: string, pod: string, port: number): string {
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward?ports=${port}`;
}

/** Splits the port-forward stream's frames: data, and the error channel's text, each without its port prefix. */
export class PortForwardFrames {
  /** Each channel starts with the port number (2 bytes), which is not data. */
  private readonly skip = [2, 2];

  constructor(
    private readonly onData: (chunk: Buffer) => void,
    private readonly onError: (text: string) => void,
  ) {}

  push(message: Buffer): void {
    const channel = message[0];
    if (channel !== Channel.stdin && channel !== 1) return;
    let body = message.subarray(1);
    const skip = this.skip[channel] ?? 0;
    if (skip > 0) {
      const n = Math.min(skip, body.length);
      this.skip[channel] = skip - n;
      body = body.subarray(n);
    }
    if (body.length === 0) return;
    if (channel === 0) this.onData(body);
    else this.onError(body.toString('utf8'));
  }
}

/** Pipes `socket` to `pod`:`port` until either side closes. Resolves once the WebSocket is open. */
export async function forwardOverWebSocket(
  c: KubeClients,
  namespace: string,
  pod: string,
  port: number,
  socket: net.Socket,
  report: ConnectionReport,
): Promise<void> {
  socket.setNoDelay(true);
  socket.pause();
  let channel: ChannelSocket;
  try {
    channel = await openChannelSocket(c, portForwardPath(namespace, pod, port), PORT_FORWARD_PROTOCOLS);
  } catch (e) {
    socket.destroy();
    report.error(e instanceof Error ? e.message : String(e));
    report.closed();
    return;
  }
  const ws = channel.ws;
  if (socket.destroyed) {
    ws.close();
    report.closed();
    return;
  }
  let wsPaused = false;
  const frames = new PortForwardFrames(
    (chunk) => {
      if (!socket.write(chunk) && socket.writableLength > SOCKET_HIGH_WATER && !wsPaused) {
        wsPaused = true;
        ws.pause();
      }
    },
    (text) => {
      report.error(text.trim());
      socket.destroy();
    },
  );
  socket.on('drain', () => {
    if (wsPaused) {
      wsPaused = false;
      ws.resume();
    }
  });
  channel.listen((data) => frames.push(data));
  const afterSend = () => {
    if (socket.isPaused() && ws.bufferedAmount < LOW_WATER && !socket.destroyed) socket.resume();
  };
  socket.on('data', (chunk: Buffer) => {
    ws.send(frame(Channel.stdin, chunk), afterSend);
    if (ws.bufferedAmount > HIGH_WATER) socket.pause();
  });
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    if (!socket.destroyed) socket.end();
    report.closed();
  };
  channel.onClose(() => {
    // Everything the pod sent is written to the socket first.
    if (!socket.destroyed) socket.end();
    finish();
  });
  socket.on('end', finish);
  socket.on('close', finish);
  socket.on('error', finish);
  socket.resume();
}
