/**
 * A unix-socket proxy in front of the test engine: Berth and the CLIs it runs (kind, docker) talk to the
 * proxy's socket, and the test makes the engine unreachable for them (stop: the socket goes away and every
 * open connection is cut) and reachable again (start), while the real engine keeps running for every other
 * test on the machine.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SocketProxy {
  /** unix:// URL of the proxy, for DOCKER_HOST. */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export function socketProxy(target = '/var/run/docker.sock'): SocketProxy {
  const dir = mkdtempSync(join(tmpdir(), 'berth-proxy-'));
  const path = join(dir, 'docker.sock');
  const open = new Set<Socket>();
  let server: Server | undefined;
  const proxy: SocketProxy = {
    url: `unix://${path}`,
    start: () =>
      new Promise((resolve, reject) => {
        server = createServer((client) => {
          const upstream = createConnection(target);
          open.add(client).add(upstream);
          const drop = () => {
            client.destroy();
            upstream.destroy();
            open.delete(client);
            open.delete(upstream);
          };
          client.on('error', drop).on('close', drop);
          upstream.on('error', drop).on('close', drop);
          client.pipe(upstream).pipe(client);
        });
        server.once('error', reject);
        server.listen(path, () => resolve());
      }),
    stop: async () => {
      const s = server;
      server = undefined;
      for (const socket of open) socket.destroy();
      open.clear();
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
      rmSync(path, { force: true });
    },
    dispose: async () => {
      await proxy.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return proxy;
}
