/**
 * The loopback browser bridge: serves the built renderer and the API (over a WebSocket) to a browser on
 * this machine. It binds 127.0.0.1 only and refuses anything without the per-run token, with a foreign
 * Host (DNS rebinding) or a foreign Origin (another site in the same browser); wrong tokens are rate-limited
 * per client (429), requests whose headers trickle in are dropped (slow-loris), and API messages are capped.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FIRST_MESSAGES_PARAM } from '../../contract/bridge';
import { CSP } from '../common/contentSecurityPolicy';
import type { Router } from './router';
import { checkRequest, cookieName, newToken, requestUrl, type Verdict } from './webAuth';
import { FailedAttempts } from './failedAttempts';
import { staticFiles } from './staticFiles';

export interface WebBridgeOptions {
  router: Router;
  /** The built renderer folder. */
  root: string;
  port?: number;
  token?: string;
  log?: (message: string) => void;
  /** How long a client may take to send a request's headers (slow-loris guard); 10 s unless set. */
  headersTimeoutMs?: number;
  /** Redeems a one-time download token (a whole log): `/logs/download/<token>`. */
  download?: (token: string) => Download | undefined;
}

export interface Download {
  name: string;
  size: number;
  stream: Readable;
}

/** The largest API message a browser may send (a terminal paste, a YAML to apply): 8 MiB. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

const REFUSED: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
};

export interface WebBridge {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const DOWNLOAD_PREFIX = '/logs/download/';

/**
 * The messages a socket's URL carries (FIRST_MESSAGES_PARAM): none without it, and one invalid one for a value
 * that is not a JSON array.
 */
function firstMessages(param: string | null): unknown[] {
  if (param === null) return [];
  try {
    const parsed: unknown = JSON.parse(param);
    return Array.isArray(parsed) ? parsed : [null];
  } catch {
    return [null];
  }
}

/** Streams a download as an attachment (the bridge's token was already checked; this one is single-use). */
function serveDownload(
  download: Download | undefined,
  head: boolean,
  res: ServerResponse,
  headers: Record<string, string>,
): void {
  if (!download) {
    res
      .writeHead(404, { ...headers, 'content-type': 'text/plain' })
      .end('This download link was used or has expired.\n');
    return;
  }
  const ascii = download.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(download.size),
    'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download.name)}`,
    'cache-control': 'no-store',
  });
  if (head) {
    download.stream.destroy();
    res.end();
    return;
  }
  res.on('close', () => download.stream.destroy());
  download.stream.pipe(res);
}

export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? newToken();
  const log = options.log ?? (() => {});
  let port = 0;
  const sockets = new Set<Socket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const attempts = new FailedAttempts();
  const serveStatic = staticFiles(options.root);

  /** Host, Origin and token, with wrong tokens counted per client and refused unchecked past the limit. */
  const guard = (req: IncomingMessage): Verdict => {
    const client = req.socket.remoteAddress ?? '';
    const wait = attempts.blockedFor(client);
    if (wait > 0) return { ok: false, status: 429, reason: 'too many wrong tokens', retryAfter: wait };
    const verdict = checkRequest(req, token, port);
    if (!verdict.ok && verdict.reason === 'wrong token') attempts.record(client);
    return verdict;
  };

  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: headersTimeout * 3,
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
      keepAliveTimeout: 5000,
    },
    (req, res) => {
      const verdict = guard(req);
      if (!verdict.ok) {
        log(`refused ${req.method} ${req.url?.replace(/token=[^&]+/, 'token=…')}: ${verdict.reason}`);
        const retry: Record<string, string> = verdict.retryAfter ? { 'retry-after': String(verdict.retryAfter) } : {};
        res
          .writeHead(verdict.status, { 'content-type': 'text/plain', ...retry })
          .end(
            verdict.status === 401
              ? 'Berth: open the URL printed by `npm run web` (it carries the token).\n'
              : verdict.status === 429
                ? 'Too many wrong tokens; try again later.\n'
                : 'Forbidden\n',
          );
        return;
      }
      const headers: Record<string, string> = {
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
      };
      if (verdict.viaQuery) headers['set-cookie'] = `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      const pathname = requestUrl(req)?.pathname ?? '/';
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      if (pathname.startsWith(DOWNLOAD_PREFIX)) {
        serveDownload(options.download?.(pathname.slice(DOWNLOAD_PREFIX.length)), req.method === 'HEAD', res, headers);
        return;
      }
      serveStatic(pathname, res, headers).catch((e: unknown) => {
        log(`static: ${String(e)}`);
        if (!res.headersSent) res.writeHead(500).end();
      });
    },
  );

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const verdict = guard(req);
    const pathname = requestUrl(req)?.pathname;
    if (!verdict.ok || pathname !== '/api') {
      const status = verdict.ok ? 404 : verdict.status;
      if (!verdict.ok) log(`refused a socket: ${verdict.reason}`);
      const retry = !verdict.ok && verdict.retryAfter ? `Retry-After: ${verdict.retryAfter}\r\n` : '';
      socket.end(`HTTP/1.1 ${status} ${REFUSED[status]}\r\n${retry}Connection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const first = firstMessages(requestUrl(req)?.searchParams.get(FIRST_MESSAGES_PARAM) ?? null);
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, first));
  });

  const attach = (ws: WebSocket, first: unknown[]) => {
    const connection = options.router.connect((message) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    });
    for (const message of first) connection.receive(message);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        connection.receive(null);
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(data));
      } catch {
        parsed = null;
      }
      connection.receive(parsed);
    });
    ws.on('close', () => connection.close());
    ws.on('error', () => connection.close());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
