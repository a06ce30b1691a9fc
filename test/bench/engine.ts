/**
 * The raw Docker Engine API over its unix socket with plain node:http: the baseline Berth is compared
 * against, and the fast way to create and remove the bench's load.
 */
import { request } from 'node:http';

export const DOCKER_SOCKET = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');

export interface EngineResponse {
  status: number;
  body: string;
}

/** One Engine API request; resolves with the whole body, whatever the status. */
export function engine(method: string, path: string, body?: unknown): Promise<EngineResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        socketPath: DOCKER_SOCKET,
        method,
        path,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
          : undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Like engine(), but fails on a non-2xx status and parses the JSON body. */
export async function engineJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await engine(method, path, body);
  if (res.status < 200 || res.status >= 300) {
    throw new Error(`${method} ${path}: HTTP ${res.status} ${res.body.trim()}`);
  }
  return (res.body ? JSON.parse(res.body) : undefined) as T;
}

/** Runs `task` over `items` with at most `limit` in flight. */
export async function inBatches<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
