/**
 * A half-broken link for fault tests: a proxy in front of a peer (the engine's unix socket, or a TCP server
 * such as kube-apiserver; TLS passes through untouched) whose behaviour the test switches at any time:
 * - `pass`: bytes go through as they come;
 * - `delay`: every chunk, both ways, waits `ms` before it is passed on (order kept);
 * - `stall`: connections are accepted but never answered (a new one never reaches the peer; on an open one
 *   the peer's bytes are held back, and go out when the mode returns to `pass`);
 * - `truncate`: on each connection, once the client has spoken, only the first `bytes` of the peer's answer
 *   go out, then the connection is closed (a response cut in the middle of its body);
 * - `reset`: connections are reset (TCP RST; closed at once on a unix socket) as soon as the client speaks;
 * and, at any time, `cut()`: every open connection is closed cleanly, as a peer that went away would (FIN).
 * It counts what it did to connections, so a test can show the fault really was injected.
 */
import net from 'node:net';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export type FaultMode =
  | { mode: 'pass' }
  | { mode: 'delay'; ms: number }
  | { mode: 'stall' }
  | { mode: 'truncate'; bytes: number }
  | { mode: 'reset' };

export interface FaultProxy {
  /** `unix:///path` for a socket proxy; `127.0.0.1:PORT` for a TCP one. */
  readonly address: string;
  /** The TCP port (0 for a unix socket proxy). */
  readonly port: number;
  set(mode: FaultMode): void;
  /** Closes every open connection now (FIN to the client, the peer's side dropped); returns how many. */
  cut(): number;
  /** What the proxy did: `stalled` counts connections never answered and answers held back. */
  readonly counts: { connections: number; stalled: number; truncated: number; reset: number };
  close(): Promise<void>;
}

export type FaultTarget = { socketPath: string } | { host: string; port: number };

interface Link {
  client: net.Socket;
  upstream?: net.Socket;
  /** The peer's bytes held back while stalled. */
  held: Buffer[];
  /** How many bytes of the peer's answer went out since the client last spoke (for truncate). */
  answered: number;
}

/** Starts the proxy: on a unix socket at `listenOn` (a path), or on a free loopback port when it is omitted. */
export async function startFaultProxy(target: FaultTarget, listenOn?: string): Promise<FaultProxy> {
  let current: FaultMode = { mode: 'pass' };
  const links = new Set<Link>();
  const counts = { connections: 0, stalled: 0, truncated: 0, reset: 0 };

  /** Sends `chunk` on `to` now, or after the delay (each direction keeps its order through one chain). */
  const chains = new WeakMap<net.Socket, Promise<void>>();
  const send = (to: net.Socket, chunk: Buffer) => {
    if (current.mode !== 'delay') {
      if (!to.destroyed) to.write(chunk);
      return;
    }
    const ms = current.ms;
    const before = chains.get(to) ?? Promise.resolve();
    const next = before.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            if (!to.destroyed) to.write(chunk);
            resolve();
          }, ms),
        ),
    );
    chains.set(to, next);
  };

  const connectUpstream = (link: Link) => {
    const upstream = 'socketPath' in target ? net.connect(target.socketPath) : net.connect(target.port, target.host);
    link.upstream = upstream;
    upstream.on('data', (chunk: Buffer) => {
      if (current.mode === 'stall') {
        counts.stalled += 1;
        link.held.push(chunk);
        return;
      }
      if (current.mode === 'truncate') {
        const room = current.bytes - link.answered;
        if (room <= 0) return;
        link.answered += chunk.length;
        if (chunk.length >= room) {
          counts.truncated += 1;
          link.client.end(chunk.subarray(0, room));
          upstream.destroy();
          return;
        }
      }
      send(link.client, chunk);
    });
    upstream.on('end', () => void (chains.get(link.client) ?? Promise.resolve()).then(() => link.client.end()));
    upstream.on('error', () => link.client.destroy());
    upstream.on('close', () => void (chains.get(link.client) ?? Promise.resolve()).then(() => link.client.destroy()));
  };

  const onConnection = (client: net.Socket) => {
    counts.connections += 1;
    const link: Link = { client, held: [], answered: 0 };
    links.add(link);
    client.on('close', () => {
      links.delete(link);
      link.upstream?.destroy();
    });
    client.on('error', () => link.upstream?.destroy());
    if (current.mode === 'stall') {
      counts.stalled += 1;
      return; // accepted, never answered: no peer behind it, ever
    }
    connectUpstream(link);
    client.on('data', (chunk: Buffer) => {
      if (current.mode === 'reset') {
        counts.reset += 1;
        // A unix socket has no RST: it is closed at once instead, which the client sees the same way.
        if (client.remoteAddress) client.resetAndDestroy();
        else client.destroy();
        link.upstream?.destroy();
        return;
      }
      link.answered = 0;
      if (link.upstream) send(link.upstream, chunk);
    });
    client.on('end', () => link.upstream?.end());
  };

  const server = net.createServer(onConnection);
  if (listenOn) rmSync(listenOn, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (listenOn) server.listen(listenOn, () => resolve());
    else server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = listenOn ? 0 : (server.address() as net.AddressInfo).port;
  return {
    address: listenOn ? `unix://${listenOn}` : `127.0.0.1:${port}`,
    port,
    counts,
    cut() {
      const open = [...links];
      for (const link of open) {
        link.upstream?.destroy();
        link.client.end();
      }
      return open.length;
    },
    set(mode) {
      current = mode;
      if (mode.mode === 'pass' || mode.mode === 'delay') {
        for (const link of links) {
          for (const chunk of link.held.splice(0)) send(link.client, chunk);
        }
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of links) {
          link.client.destroy();
          link.upstream?.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

/**
 * A fault proxy in front of the API server a kubeconfig names (its https://127.0.0.1:PORT), and a copy of
 * that kubeconfig written to `file` that names the proxy instead (same contexts and credentials).
 */
export async function proxiedKubeconfig(kubeconfig: string, file: string): Promise<FaultProxy> {
  const original = readFileSync(kubeconfig, 'utf8');
  const server = /server: https:\/\/127\.0\.0\.1:(\d+)/.exec(original);
  if (!server) throw new Error(`no https://127.0.0.1:PORT server in ${kubeconfig}`);
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(server[1]) });
  writeFileSync(file, original.replaceAll(server[0], `server: https://${proxy.address}`), { mode: 0o600 });
  return proxy;
}
