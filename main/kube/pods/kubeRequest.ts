/**
 * Raw requests to the API server with the context's credentials, for what the generated client cannot
 * stream: a followed log (an HTTP response read as it arrives) and the exec and port-forward channels
 * (WebSockets). A refusal before the stream starts becomes an ApiError carrying the server's own message.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import type { KubeClients } from '../clients';
import { statusMessage, toKubeError } from '../kubeErrors';

/** The server URL of a path, for http(s) or ws(s). */
export function serverUrl(c: KubeClients, path: string, scheme: 'http' | 'ws'): string {
  const server = c.server.replace(/\/+$/, '');
  return scheme === 'http' ? `${server}${path}` : server.replace(/^http/, 'ws') + path;
}

/** An error the API server answered with, as the client's ApiException looks (code, body, headers). */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly body: string,
    readonly headers: Record<string, unknown>,
  ) {
    super(statusMessage(body) ?? `The API server answered HTTP ${code}.`);
  }
}

export async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) {
    chunks.push(chunk as Buffer);
    if (chunks.length > 64) break;
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function requestOptions(c: KubeClients): Promise<https.RequestOptions> {
  const opts: https.RequestOptions = {};
  await c.config.applyToHTTPSOptions(opts);
  return opts;
}

/** GET `path` and return the response as a stream once the server answered 200. */
export async function kubeGetStream(c: KubeClients, path: string, signal: AbortSignal): Promise<IncomingMessage> {
  const url = serverUrl(c, path, 'http');
  const opts = await requestOptions(c);
  const get = url.startsWith('https:') ? https.get : http.get;
  try {
    return await new Promise<IncomingMessage>((resolve, reject) => {
      const req = get(url, { ...opts, signal }, (res) => {
        if (res.statusCode === 200) return resolve(res);
        void readBody(res).then((body) => reject(new StatusError(res.statusCode ?? 500, body, res.headers)), reject);
      });
      req.on('error', reject);
    });
  } catch (e) {
    throw toKubeError(e, c);
  }
}

/** The subprotocols Kubernetes' channel streams speak; the server picks the newest it knows. */
export const CHANNEL_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/**
 * An open channel WebSocket whose binary messages wait for `listen`, and whose close waits for `onClose`
 * (none is lost in between: a command can print, end and close in the handshake's own read).
 */
export interface ChannelSocket {
  ws: WebSocket;
  listen(onMessage: (data: Buffer) => void): void;
  /** Called once the socket closed; at once (after `listen` replayed) when it already has. */
  onClose(closed: () => void): void;
}

/** Opens a WebSocket to an exec or port-forward path; rejects with the server's reason when it refuses. */
export async function openChannelSocket(
  c: KubeClients,
  path: string,
  protocols: string[] = CHANNEL_PROTOCOLS,
): Promise<ChannelSocket> {
  const opts = await requestOptions(c);
  // Messages can arrive in the same read as the handshake, before the caller's code runs again: they wait.
  const early: Buffer[] = [];
  let handler: ((data: Buffer) => void) | undefined;
  let closed = false;
  let closeHandler: (() => void) | undefined;
  const onClose = () => {
    closed = true;
    closeHandler?.();
  };
  const onMessage = (data: Buffer, isBinary: boolean) => {
    if (!isBinary) return;
    if (handler) handler(data);
    else early.push(data);
  };
  try {
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      let settled = false;
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        reject(e);
      };
      const ws = new WebSocket(serverUrl(c, path, 'ws'), protocols, {
        ...(opts as WebSocket.ClientOptions),
        perMessageDeflate: false,
        handshakeTimeout: 20_000,
      });
      ws.binaryType = 'nodebuffer';
      ws.on('message', onMessage);
      ws.once('close', onClose);
      // Stays registered: later errors are the caller's to see through 'close', never an unhandled event.
      ws.on('error', fail);
      ws.once('open', () => {
        settled = true;
        resolve(ws);
      });
      ws.once('unexpected-response', (_req, res) => {
        void readBody(res)
          .then((body) => fail(new StatusError(res.statusCode ?? 500, body, res.headers)), fail)
          .finally(() => ws.terminate());
      });
    });
    return {
      ws,
      listen(onMessage) {
        handler = onMessage;
        for (const data of early.splice(0)) onMessage(data);
      },
      onClose(cb) {
        if (closed) cb();
        else closeHandler = cb;
      },
    };
  } catch (e) {
    throw toKubeError(e, c);
  }
}
