import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { FIRST_MESSAGES_PARAM } from '../../contract/bridge';
import { createBackend, type Backend } from '../../main/backend';
import { webShell } from '../../main/services';
import { startWebBridge, type WebBridge } from '../../main/ipc/webBridge';
import { RENDERER_DIR } from '../helpers/browser';

let backend: Backend;
let bridge: WebBridge;

beforeAll(async () => {
  backend = createBackend({ shell: webShell });
  bridge = await startWebBridge({ router: backend.router, root: RENDERER_DIR });
});
afterAll(async () => {
  await bridge.close();
  backend.dispose();
});

function get(
  path: string,
  headers: Record<string, string> = {},
  port = bridge.port,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/api${query}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('web bridge (loopback, token, origin)', () => {
  it('binds 127.0.0.1 only', () => {
    const address = bridge.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses a request without the token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/assets/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get(`/?token=${bridge.token}x`)).status).toBe(401);
  });

  it('serves the app with the token, sets a same-site cookie and a strict CSP', async () => {
    const res = await get(`/?token=${bridge.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<div id="root">');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    const cookie = String(res.headers['set-cookie']).split(';')[0] as string;
    expect((await get('/', { cookie })).status).toBe(200);
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding) even with the token', async () => {
    expect((await get(`/?token=${bridge.token}`, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/?token=${bridge.token}`, { host: `evil.example:${bridge.port}` })).status).toBe(403);
    expect((await get(`/?token=${bridge.token}`, { origin: `https://127.0.0.1:${bridge.port}` })).status).toBe(403);
  });

  it('refuses a socket without the token, with a wrong one, or from a foreign origin', async () => {
    await expect(openSocket('')).rejects.toThrow('HTTP 401');
    await expect(openSocket('?token=nope')).rejects.toThrow('HTTP 401');
    await expect(openSocket(`?token=${bridge.token}`, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });

  it('answers API calls over an authorised socket, and survives garbage', async () => {
    const ws = await openSocket(`?token=${bridge.token}`, { origin: `http://127.0.0.1:${bridge.port}` });
    const replies: unknown[] = [];
    ws.on('message', (d) => replies.push(JSON.parse(String(d))));
    ws.send('not json at all');
    ws.send(JSON.stringify({ type: 'call', id: 1, method: 'containers.stop', input: { id: 42 } }));
    ws.send(JSON.stringify({ type: 'call', id: 2, method: 'system.info' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(replies).toContainEqual(
      expect.objectContaining({ id: 1, ok: false, error: expect.objectContaining({ code: 'invalid_input' }) }),
    );
    expect(replies).toContainEqual(
      expect.objectContaining({ id: 2, ok: true, value: expect.objectContaining({ shell: 'web' }) }),
    );
    ws.close();
  });

  it('takes the messages a socket URL carries as its first ones, and serves a socket whose value is malformed as one without', async () => {
    const origin = { origin: `http://127.0.0.1:${bridge.port}` };
    const first = encodeURIComponent(
      JSON.stringify([
        { type: 'call', id: 1, method: 'system.info' },
        { type: 'call', id: 2, method: 'containers.stop', input: { id: 42 } },
      ]),
    );
    // Listening from the start: the answers may come before the socket's open event is handled.
    const replies: unknown[] = [];
    const ws = new WebSocket(
      `ws://127.0.0.1:${bridge.port}/api?token=${bridge.token}&${FIRST_MESSAGES_PARAM}=${first}`,
      {
        headers: origin,
      },
    );
    ws.on('message', (d) => replies.push(JSON.parse(String(d))));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'call', id: 3, method: 'settings.get' }));
    await expect.poll(() => replies.length).toBe(3);
    const byId = (id: number) => replies.find((r) => (r as { id: number }).id === id);
    expect(byId(1)).toMatchObject({ ok: true, value: { shell: 'web' } });
    expect(byId(2)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(byId(3)).toMatchObject({ ok: true });
    ws.close();
    // Not a JSON array: the socket stays up and serves what is sent after.
    const odd = await openSocket(`?token=${bridge.token}&${FIRST_MESSAGES_PARAM}=%7Bnot-json`, origin);
    const later: unknown[] = [];
    odd.on('message', (d) => later.push(JSON.parse(String(d))));
    odd.send(JSON.stringify({ type: 'call', id: 7, method: 'system.info' }));
    await expect.poll(() => later.length).toBe(1);
    expect(later[0]).toMatchObject({ id: 7, ok: true });
    odd.close();
  });

  it('keeps the files it told browsers are immutable in memory once served, and reads the page itself afresh', async () => {
    const root = mkdtempSync(join(tmpdir(), 'berth-static-'));
    mkdirSync(join(root, 'assets'));
    const write = (name: string, text: string) => writeFileSync(join(root, name), text);
    write('index.html', '<p>first build</p>');
    write('assets/app-1a2b.js', 'export const a = 1;');
    // Bigger than what the bridge keeps in memory: read from disk each time.
    write('assets/big.js.map', `{"pad":"${'x'.repeat(1_100_000)}"}`);
    const own = await startWebBridge({ router: backend.router, root });
    try {
      const fetch = (path: string) => get(`${path}?token=${own.token}`, {}, own.port);
      const first = await fetch('/assets/app-1a2b.js');
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toBe('max-age=31536000, immutable');
      expect(first.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect((await fetch('/assets/big.js.map')).body).toHaveLength(1_100_010);

      write('index.html', '<p>second build</p>');
      write('assets/app-1a2b.js', 'export const a = 2;');
      write('assets/big.js.map', '{}');
      const again = await fetch('/assets/app-1a2b.js');
      expect(again.body).toBe('export const a = 1;');
      expect(again.headers['content-length']).toBe(String('export const a = 1;'.length));
      expect(again.headers['content-security-policy']).toBeDefined();
      expect((await fetch('/assets/big.js.map')).body).toBe('{}');
      const page = await fetch('/');
      expect(page.body).toBe('<p>second build</p>');
      expect(page.headers['cache-control']).toBe('no-store');
    } finally {
      await own.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
