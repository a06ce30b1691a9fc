/**
 * The web bridge under hostile clients, over real HTTP and WebSocket connections: missing and wrong tokens,
 * foreign Host and Origin headers, cross-site WebSockets, oversized messages and headers, slow-loris
 * connections, path traversal in every encoding and symlinks in the static folder, requests that are not
 * URLs, and token brute force (rate-limited). Everything is refused, and the bridge keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import net from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { z } from 'zod';
import { call } from '../../contract/define';
import { createRouter } from '../../main/ipc/router';
import { MAX_MESSAGE_BYTES, startWebBridge, type WebBridge } from '../../main/ipc/webBridge';

const SECRET = 'BERTH-SECRET-OUTSIDE-THE-STATIC-FOLDER';
const contract = { t: { echo: call(z.string(), z.number()) } };
const router = createRouter(contract, { t: { echo: async (s: string) => s.length } });

let dir: string;
let root: string;
let bridge: WebBridge;
let cookie: string;

interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: string;
}

function get(b: WebBridge, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: b.port, path, headers, method, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends raw bytes and returns everything the server answered until it closed the connection. */
function raw(b: WebBridge, text: string): Promise<string> {
  return new Promise((resolve) => {
    let out = '';
    const s = net.connect(b.port, '127.0.0.1', () => s.write(text));
    s.on('data', (d) => (out += d.toString()));
    s.on('close', () => resolve(out));
    s.on('error', () => undefined);
    s.setTimeout(20_000, () => s.destroy());
  });
}

function openSocket(b: WebBridge, query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${b.port}/api${query}`, { headers, maxPayload: 64 * 1024 * 1024 });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const origin = (b: WebBridge) => ({ origin: `http://127.0.0.1:${b.port}` });

async function echo(b: WebBridge, text: string): Promise<unknown> {
  const ws = await openSocket(b, `?token=${b.token}`, origin(b));
  const reply = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
  ws.send(JSON.stringify({ type: 'call', id: 1, method: 't.echo', input: text }));
  const value = await reply;
  ws.close();
  return value;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-bridge-hostile-'));
  root = join(dir, 'static');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  mkdirSync(join(dir, 'private'));
  writeFileSync(join(dir, 'private', 'key.js'), SECRET);
  // Symlinks someone (or a bad build step) left in the static folder.
  symlinkSync(join(dir, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(join(dir, 'private'), join(root, 'assets', 'private'));
  symlinkSync('/etc/passwd', join(root, 'passwd.js'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'assets', 'alias.js'));
  bridge = await startWebBridge({ router, root, headersTimeoutMs: 2000 });
  cookie = `berth_token_${bridge.port}=${bridge.token}`;
});

afterAll(async () => {
  await bridge?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('web bridge under hostile clients', () => {
  it('refuses missing, wrong, partial, empty and duplicated tokens, by query and by cookie', async () => {
    const name = `berth_token_${bridge.port}`;
    const attempts: Array<[string, Record<string, string>]> = [
      ['/', {}],
      ['/?token=', {}],
      ['/?token=wrong', {}],
      [`/?token=${bridge.token.slice(0, -1)}`, {}],
      [`/?token=${bridge.token.toUpperCase()}`, {}],
      [`/?token=wrong&token=${bridge.token}`, {}],
      ['/', { cookie: `${name}=wrong` }],
      ['/', { cookie: `berth_token_1=${bridge.token}` }],
      ['/', { authorization: `Bearer ${bridge.token}` }],
    ];
    for (const [path, headers] of attempts) {
      const res = await get(bridge, path, headers);
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
      expect(res.body).not.toContain('id="root"');
    }
    expect((await get(bridge, `/?token=${bridge.token}`)).status).toBe(200);
    expect((await get(bridge, '/', { cookie })).status).toBe(200);
  });

  it('refuses foreign Host and Origin headers even with the right token (DNS rebinding, other sites)', async () => {
    const p = bridge.port;
    const hosts = [`evil.example:${p}`, `127.0.0.1:${p}.evil.example`, '127.0.0.1', `[::1]:${p}`, `localhost.:${p}`];
    for (const host of hosts) {
      expect((await get(bridge, `/?token=${bridge.token}`, { host })).status, host).toBe(403);
    }
    for (const host of ['Host: \r\n', '']) {
      const answer = await raw(bridge, `GET /?token=${bridge.token} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
      expect(answer, JSON.stringify(host)).toMatch(/^HTTP\/1\.1 (400|403)/);
    }
    const origins = [
      'null',
      'http://evil.example',
      `http://127.0.0.1:${p}.evil.example`,
      `https://127.0.0.1:${p}`,
      `http://127.0.0.1:${p + 1}`,
      `http://evil.example@127.0.0.1:${p}`,
      'file://',
    ];
    for (const o of origins) {
      expect((await get(bridge, `/?token=${bridge.token}`, { origin: o })).status, o).toBe(403);
      expect((await get(bridge, '/', { cookie, origin: o })).status, o).toBe(403);
    }
  });

  it('refuses cross-site WebSockets (a foreign Origin) with the token in the query or the cookie', async () => {
    for (const o of ['http://evil.example', 'null', `http://localhost:${bridge.port + 1}`]) {
      await expect(openSocket(bridge, `?token=${bridge.token}`, { origin: o })).rejects.toThrow('HTTP 403');
      await expect(openSocket(bridge, '', { origin: o, cookie })).rejects.toThrow('HTTP 403');
    }
    await expect(openSocket(bridge, '', origin(bridge))).rejects.toThrow('HTTP 401');
    await expect(openSocket(bridge, `?token=${bridge.token}`, { host: `evil.example:${bridge.port}` })).rejects.toThrow(
      'HTTP 403',
    );
    // The same socket from the app's own origin works.
    expect(await echo(bridge, 'hello')).toMatchObject({ id: 1, ok: true, value: 5 });
  });

  it('closes a socket that sends a message over the limit, and keeps serving', async () => {
    const ws = await openSocket(bridge, `?token=${bridge.token}`, origin(bridge));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 't.echo', input: 'x'.repeat(MAX_MESSAGE_BYTES + 1024) }));
    expect(await closed).toBe(1009);
    // Just under the limit is fine.
    expect(await echo(bridge, 'y'.repeat(MAX_MESSAGE_BYTES - 1024))).toMatchObject({
      ok: true,
      value: MAX_MESSAGE_BYTES - 1024,
    });
  });

  it('refuses oversized request headers (431) and requests that are not URLs, and keeps serving', async () => {
    const big = await get(bridge, `/?token=${bridge.token}`, { 'x-filler': 'a'.repeat(64 * 1024) }).catch(
      (e: Error) => ({ status: 0, body: e.message }) as Reply,
    );
    expect([0, 431]).toContain(big.status);
    for (const line of ['GET http://[ HTTP/1.1', 'GET http://a:b@[::1 HTTP/1.1', 'GET * HTTP/1.1']) {
      const answer = await raw(bridge, `${line}\r\nHost: 127.0.0.1:${bridge.port}\r\nConnection: close\r\n\r\n`);
      expect(answer, line).toMatch(/^HTTP\/1\.1 (400|401|403|404)/);
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'TRACE']) {
      expect((await get(bridge, `/?token=${bridge.token}`, {}, method)).status, method).toBe(405);
    }
    expect((await get(bridge, `/?token=${bridge.token}`)).status).toBe(200);
  });

  it('drops slow-loris connections whose headers trickle in, for pages and for sockets', async () => {
    const trickle = (firstLine: string) =>
      new Promise<{ closed: boolean; answer: string }>((resolve) => {
        let answer = '';
        const s = net.connect(bridge.port, '127.0.0.1', () =>
          s.write(`${firstLine}\r\nHost: 127.0.0.1:${bridge.port}\r\n`),
        );
        const timer = setInterval(
          () => s.writable && s.write(`X-Slow-${Math.random().toString(36).slice(2)}: 1\r\n`),
          250,
        );
        const give = setTimeout(() => {
          clearInterval(timer);
          s.destroy();
          resolve({ closed: false, answer });
        }, 60_000);
        s.on('data', (d) => (answer += d.toString()));
        s.on('error', () => undefined);
        s.on('close', () => {
          clearInterval(timer);
          clearTimeout(give);
          resolve({ closed: true, answer });
        });
      });
    const [page, socket] = await Promise.all([
      trickle(`GET /?token=${bridge.token} HTTP/1.1`),
      trickle(`GET /api?token=${bridge.token} HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade`),
    ]);
    expect(page.closed).toBe(true);
    expect(page.answer).not.toContain('id="root"');
    expect(socket.closed).toBe(true);
    expect(socket.answer).not.toContain('101 Switching');
    expect((await get(bridge, `/?token=${bridge.token}`)).status).toBe(200);
  });

  it('never serves a file outside the static folder: `..` in any encoding, backslashes, NUL, symlinks', async () => {
    const paths = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/.%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/%252e%252e/secret.txt',
      '/%252e%252e%252fsecret.txt',
      '/..%5csecret.txt',
      '/assets%5c..%5c..%5csecret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      '/%e0%80%ae%e0%80%ae/secret.txt',
      '/secret.txt%00.js',
      '/%00',
      '/%',
      '/leak.txt',
      '/assets/private/key.js',
      '/passwd.js',
      `/${'..%2f'.repeat(20)}etc/passwd`,
      '//etc/passwd',
      '/etc/passwd',
    ];
    for (const path of paths) {
      const res = await get(bridge, path, { cookie });
      expect(res.body, path).not.toContain(SECRET);
      expect(res.body, path).not.toMatch(/root:.*:0:0:/);
      if (res.status === 200)
        expect(res.body, path).toContain('id="root"'); // only the app shell, for routes
      else expect([400, 403, 404], path).toContain(res.status);
    }
    // Backslashes and `..` straight on the request line (no client normalising them).
    for (const target of [
      '/..\\secret.txt',
      '\\..\\..\\secret.txt',
      '/assets/..\\..\\secret.txt',
      '/../../secret.txt',
    ]) {
      const answer = await raw(
        bridge,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${bridge.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
      );
      expect(answer, target).not.toContain(SECRET);
    }
    // What is inside is still served, through an inside symlink too.
    expect((await get(bridge, '/assets/app.js', { cookie })).body).toContain('console.log');
    expect((await get(bridge, '/assets/alias.js', { cookie })).body).toContain('console.log');
  });

  it('rate-limits token guessing per client: after 20 wrong tokens in a minute, 429 even for the right one', async () => {
    const b = await startWebBridge({ router, root });
    try {
      for (let i = 0; i < 20; i++) {
        const guess = i % 2 ? `/?token=guess${i}` : '/';
        const res = await get(b, guess, i % 2 ? {} : { cookie: `berth_token_${b.port}=guess${i}` });
        expect(res.status).toBe(401);
      }
      const blocked = await get(b, `/?token=${b.token}`);
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      await expect(openSocket(b, `?token=${b.token}`, origin(b))).rejects.toThrow('HTTP 429');
      // A first visit without a token does not count as a guess: the other bridge never saw any.
      expect((await get(bridge, `/?token=${bridge.token}`)).status).toBe(200);
    } finally {
      await b.close();
    }
  });
});
