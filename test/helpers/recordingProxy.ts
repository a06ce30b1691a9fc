/**
 * Recording proxies for tests that must prove what did (or did not) reach a peer: one in front of the
 * Docker engine's unix socket (DOCKER_HOST points at it; it reads each HTTP request line that goes through)
 * and one in front of a TCP server such as kube-apiserver (TLS passes through untouched, so it counts
 * connections and bytes sent — any request at all sends bytes). Nothing is changed on the way, except that
 * the engine proxy can keep the events stream quiet (its body is dropped) so that other processes' activity
 * on a shared engine does not make Berth ask the engine anything while a test counts.
 */
import net from 'node:net';
import { rmSync } from 'node:fs';

export interface RecordingProxy {
  /** `unix:///path` for the engine proxy, `https://127.0.0.1:PORT` style host:port for TCP. */
  readonly address: string;
  /** HTTP request lines seen (engine proxy only), e.g. `GET /containers/json`. */
  readonly requests: string[];
  /** Connections accepted. */
  readonly connections: () => number;
  /** Bytes the client sent to the peer. */
  readonly bytesSent: () => number;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS) (\S+) HTTP\/1\.[01]\r\n/g;

function pipeWithCount(
  client: net.Socket,
  upstream: net.Socket,
  onClientData: (chunk: Buffer) => void,
  onUpstreamData: (chunk: Buffer) => Buffer | undefined,
) {
  client.on('data', (chunk: Buffer) => {
    onClientData(chunk);
    upstream.write(chunk);
  });
  upstream.on('data', (chunk: Buffer) => {
    const out = onUpstreamData(chunk);
    if (out && out.length > 0) client.write(out);
  });
  client.on('end', () => upstream.end());
  upstream.on('end', () => client.end());
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
  client.on('close', () => upstream.destroy());
  upstream.on('close', () => client.destroy());
}

async function listen(server: net.Server, target: string | number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (typeof target === 'number') server.listen(target, '127.0.0.1', () => resolve());
    else server.listen(target, () => resolve());
  });
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

/** A proxy on `socketPath` in front of the engine socket `engineSocket`, recording request lines. */
export async function startEngineProxy(
  socketPath: string,
  engineSocket = '/var/run/docker.sock',
  options: { quietEvents?: boolean } = {},
): Promise<RecordingProxy> {
  rmSync(socketPath, { force: true });
  const requests: string[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let bytes = 0;
  const server = net.createServer((client) => {
    connections += 1;
    sockets.add(client);
    const upstream = net.connect(engineSocket);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    let first: string | undefined;
    let headersDone = false;
    let head = '';
    pipeWithCount(
      client,
      upstream,
      (chunk) => {
        bytes += chunk.length;
        const text = chunk.toString('latin1');
        for (const m of text.matchAll(REQUEST_LINE)) {
          const line = `${m[1]} ${m[2]}`;
          first ??= line;
          requests.push(line);
        }
      },
      (chunk) => {
        if (!options.quietEvents || !first?.match(/^GET \/(v[\d.]+\/)?events\b/)) return chunk;
        if (headersDone) return undefined;
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return chunk;
        headersDone = true;
        // Pass the headers (and nothing of the body) through.
        const passed = end + 4 - (head.length - chunk.length); // latin1: one character per byte
        return chunk.subarray(0, Math.max(0, passed));
      },
    );
  });
  await listen(server, socketPath);
  return {
    address: `unix://${socketPath}`,
    requests,
    connections: () => connections,
    bytesSent: () => bytes,
    close: closer(server, sockets),
  };
}

/** A TCP proxy on a loopback port in front of `host:port`, counting connections and bytes sent. */
export async function startTcpProxy(host: string, port: number): Promise<RecordingProxy> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  let bytes = 0;
  const server = net.createServer((client) => {
    connections += 1;
    sockets.add(client);
    const upstream = net.connect(port, host);
    sockets.add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipeWithCount(
      client,
      upstream,
      (chunk) => void (bytes += chunk.length),
      (chunk) => chunk,
    );
  });
  await listen(server, 0);
  const address = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${address.port}`,
    requests: [],
    connections: () => connections,
    bytesSent: () => bytes,
    close: closer(server, sockets),
  };
}
