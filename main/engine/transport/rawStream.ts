/**
 * A streaming GET read straight off the engine's socket, for streams of many small writes (a followed log:
 * the engine flushes every line). Asked in HTTP/1.0, the engine (Go's net/http, Docker's and Podman's)
 * sends the body unchunked and ends it by closing, so the body arrives in the socket's own reads — tens of
 * lines each — instead of one Node HTTP chunk, Buffer and 'data' event per line. The socket is opened by the
 * transport's own agent (unix socket, named pipe, tcp, TLS with its files, the ssh tunnel), so every
 * endpoint works the same. An unchunked body cannot tell its end from a cut: the caller checks (see
 * containerLogSession's source).
 */
import type Docker from 'dockerode';
import type { Agent } from 'node:http';
import { createConnection } from 'node:net';
import type { Duplex } from 'node:stream';
import { ApiError } from '../../../contract/errors';
import { REMOTE_CALL_TIMEOUT_MS } from './engineClient';

/** What Berth reads of docker-modem's settings (all set by engineClient). */
interface ModemSettings {
  agent?: Agent & { options?: Record<string, unknown> };
  socketPath?: string;
  host?: string;
  port?: number | string;
  version?: string;
  headers?: Record<string, string>;
}

/** The most the status line and headers may take; the most of an error's body kept. */
const HEAD_LIMIT = 64 * 1024;
const ERROR_BODY_LIMIT = 256 * 1024;
/** How long the engine may take to answer (its headers; the body then runs freely), as for other calls. */
const HEAD_TIMEOUT_MS = REMOTE_CALL_TIMEOUT_MS;

/** An error shaped as docker-modem's, so toApiError reads it the same way. */
function statusError(statusCode: number, reason: string, body: string): Error {
  let json: { message?: string } | null;
  try {
    json = JSON.parse(body) as { message?: string };
  } catch {
    json = body.trim() ? { message: body.trim() } : null;
  }
  const message = json?.message ?? reason;
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${message}`), {
    statusCode,
    reason,
    json,
  });
}

/** Opens a socket to the engine through the transport's agent (or a plain one for a bare socket path). */
function openSocket(modem: ModemSettings): Promise<Duplex> {
  const target = modem.socketPath
    ? { socketPath: modem.socketPath, path: modem.socketPath }
    : { host: modem.host, port: Number(modem.port), servername: modem.host };
  const options = { ...(modem.agent?.options ?? {}), ...target };
  const agent = modem.agent as unknown as
    { createConnection(o: object, done: (e: Error | null, s?: Duplex) => void): Duplex | undefined } | undefined;
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (error: Error | null | undefined, socket?: Duplex) => {
      if (settled || (!error && !socket)) return; // net's connect listener calls back with neither
      settled = true;
      if (error) reject(error);
      else resolve(socket!);
    };
    const socket = agent ? agent.createConnection(options, done) : createConnection(options);
    if (socket) done(null, socket);
  });
}

/**
 * GETs `path` (with its query) and resolves with the socket positioned at the body's first byte once the
 * engine answered 200 — paused: the reader attaches its listeners, then resumes it. Any other answer
 * rejects with the engine's message. Aborting destroys the socket.
 */
export async function rawGet(docker: Docker, path: string, signal: AbortSignal): Promise<Duplex> {
  const modem = docker.modem as unknown as ModemSettings;
  const socket = await openSocket(modem);
  if (signal.aborted) {
    socket.destroy();
    throw new ApiError('cancelled', 'Cancelled.');
  }
  const abort = () => socket.destroy();
  signal.addEventListener('abort', abort, { once: true });
  const headers = Object.entries(modem.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`);
  const prefix = modem.version ? `/${modem.version}` : '';
  socket.write(`GET ${prefix}${path} HTTP/1.0\r\nHost: docker\r\nUser-Agent: Berth\r\n${headers.join('')}\r\n`);

  const head = await new Promise<{ status: number; reason: string; rest: Buffer }>((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) {
        if (got.length > HEAD_LIMIT) fail(new Error('The engine sent an answer without an end to its headers.'));
        return;
      }
      cleanup();
      const statusLine = got.subarray(0, got.indexOf('\r\n')).toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(statusLine);
      if (!match) return reject(new Error(`The engine answered something other than HTTP: ${statusLine}`));
      resolve({ status: Number(match[1]), reason: match[2] ?? '', rest: got.subarray(end + 4) });
    };
    const onEnd = () =>
      fail(Object.assign(new Error('The engine closed the connection before answering.'), { code: 'ECONNRESET' }));
    const fail = (e: Error) => {
      cleanup();
      reject(e);
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', fail);
    };
    const timer = setTimeout(
      () =>
        fail(
          new ApiError(
            'engine_unreachable',
            `The Docker engine accepted the connection but did not answer in ${HEAD_TIMEOUT_MS / 1000} s.`,
            'Check the engine (is it hung? its log) and the link to it (proxy, VPN, ssh tunnel), then open this again.',
          ),
        ),
      HEAD_TIMEOUT_MS,
    );
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', fail);
  }).catch((e: unknown) => {
    signal.removeEventListener('abort', abort);
    socket.destroy();
    throw signal.aborted ? new ApiError('cancelled', 'Cancelled.') : e;
  });

  if (head.status !== 200) {
    const body = await readSome(socket, head.rest);
    signal.removeEventListener('abort', abort);
    socket.destroy();
    throw statusError(head.status, head.reason, body);
  }
  socket.pause();
  if (head.rest.length > 0) socket.unshift(head.rest);
  socket.once('close', () => signal.removeEventListener('abort', abort));
  return socket;
}

/** An error's body, up to its end or ERROR_BODY_LIMIT. */
function readSome(socket: Duplex, first: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const parts = [first];
    let size = first.length;
    const finish = () => resolve(Buffer.concat(parts).toString('utf8'));
    socket.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      size += chunk.length;
      if (size > ERROR_BODY_LIMIT) finish();
    });
    socket.once('end', finish);
    socket.once('error', finish);
    socket.once('close', finish);
  });
}
