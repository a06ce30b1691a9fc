/**
 * The raw streaming GET against a fake engine (Node's HTTP server on a unix socket, as the engine answers an
 * HTTP/1.0 request: unchunked, ended by closing), through the transport engineClient makes.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toApiError } from '../../../../../main/common/toApiError';
import { engineClient } from '../../../../../main/engine/transport/engineClient';
import { rawGet } from '../../../../../main/engine/transport/rawStream';
import type { Duplex } from 'node:stream';

let server: Server | undefined;
let dir = '';

afterEach(() => {
  server?.close();
  server?.closeAllConnections();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A fake engine on a unix socket; returns the transport's Docker object and what the engine was asked. */
async function engine(answer: (url: string, res: ServerResponse) => void) {
  dir = mkdtempSync(join(tmpdir(), 'berth-raw-'));
  const socketPath = join(dir, 'engine.sock');
  const asked: Array<{ url: string; httpVersion: string }> = [];
  server = createServer((req, res) => {
    asked.push({ url: req.url ?? '', httpVersion: req.httpVersion });
    answer(req.url ?? '', res);
  });
  await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
  const env = { env: {}, home: dir, readFile: () => undefined };
  const { docker } = engineClient({ url: `unix://${socketPath}`, source: 'env' } as never, env as never);
  return { docker, asked };
}

const readAll = (socket: Duplex) =>
  new Promise<string>((resolve, reject) => {
    const parts: Buffer[] = [];
    socket.on('data', (c: Buffer) => parts.push(c));
    socket.on('end', () => resolve(Buffer.concat(parts).toString()));
    socket.on('error', reject);
    socket.resume();
  });

describe('rawGet', () => {
  it('asks in HTTP/1.0 and hands on the body of many small writes, whole, in few reads', async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `line ${i + 1}\n`);
    const { docker, asked } = await engine((_url, res) => {
      res.writeHead(200, { 'Content-Type': 'application/vnd.docker.raw-stream' });
      for (const l of lines) res.write(l);
      res.end();
    });
    const socket = await rawGet(docker, '/containers/abc/logs?follow=1', new AbortController().signal);
    let reads = 0;
    socket.on('data', () => reads++);
    expect(await readAll(socket)).toBe(lines.join(''));
    expect(asked).toEqual([{ url: '/containers/abc/logs?follow=1', httpVersion: '1.0' }]);
    expect(reads).toBeLessThan(lines.length / 10);
  });

  it("rejects an answer other than 200 with the engine's message, read as docker-modem's error", async () => {
    const { docker } = await engine((_url, res) => {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'No such container: abc' }));
    });
    const error = await rawGet(docker, '/containers/abc/logs', new AbortController().signal).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 404, json: { message: 'No such container: abc' } });
    expect(toApiError(error).message).toContain('No such container: abc');
  });

  it('is cancelled while waiting for the answer, closing its connection', async () => {
    let closed = false;
    const { docker } = await engine((_url, res) => res.on('close', () => (closed = true)));
    const abort = new AbortController();
    const pending = rawGet(docker, '/containers/abc/logs?follow=1', abort.signal);
    await new Promise((r) => setTimeout(r, 50));
    abort.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await expect.poll(() => closed).toBe(true);
  });

  it('says the engine is unreachable when its socket is not there', async () => {
    const { docker } = await engine(() => {});
    server!.close();
    const error = await rawGet(docker, '/x', new AbortController().signal).catch((e: unknown) => e);
    expect(toApiError(error).code).toBe('engine_unreachable');
  });
});
