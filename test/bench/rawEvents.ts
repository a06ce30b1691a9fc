/** Docker's raw event stream, read with plain node:http: when the engine itself reported a container. */
import { request, type ClientRequest } from 'node:http';
import { epochNow } from './browser';
import { DOCKER_SOCKET } from './engine';

export interface RawEventLog {
  /** Epoch ms at which this process received `action` for the container `name`. */
  at(name: string, action: string): number | undefined;
  /** How many container events arrived since the watch began. */
  count(): number;
  close(): void;
}

export async function watchRawEvents(): Promise<RawEventLog> {
  const seen = new Map<string, number>();
  let count = 0;
  let req: ClientRequest | undefined;
  await new Promise<void>((resolve, reject) => {
    req = request({
      socketPath: DOCKER_SOCKET,
      path: '/events?filters=' + encodeURIComponent('{"type":["container"]}'),
    });
    req.on('response', (res) => {
      let rest = '';
      res.on('data', (c: Buffer) => {
        const t = epochNow();
        rest += String(c);
        const lines = rest.split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          count++;
          const e = JSON.parse(line) as { Action: string; Actor: { Attributes: { name?: string } } };
          const key = `${e.Actor.Attributes.name ?? ''}|${e.Action}`;
          if (!seen.has(key)) seen.set(key, t);
        }
      });
      resolve();
    });
    req.on('error', reject);
    req.end();
  });
  return { at: (name, action) => seen.get(`${name}|${action}`), count: () => count, close: () => req?.destroy() };
}
