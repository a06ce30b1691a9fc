/** The main window's guards, against a fake Electron module (the binary is absent here; e2e covers the real one). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Handler = (...args: unknown[]) => unknown;
const fake = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; events: Map<string, Handler>; openHandler?: Handler }>,
  permissionRequest: undefined as Handler | undefined,
  permissionCheck: undefined as Handler | undefined,
  headers: undefined as Handler | undefined,
  opened: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly webContents;
    constructor(options: Record<string, unknown>) {
      const record = { options, events: new Map<string, Handler>(), openHandler: undefined as Handler | undefined };
      fake.windows.push(record);
      this.webContents = {
        on: (name: string, fn: Handler) => record.events.set(name, fn),
        setWindowOpenHandler: (fn: Handler) => (record.openHandler = fn),
      };
    }
    once() {}
    maximize() {}
    show() {}
    loadFile() {
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Handler) => (fake.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Handler) => (fake.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: Handler) => (fake.headers = fn) },
      },
    },
    shell: { openExternal: (url: string) => void fake.opened.push(url) },
  };
});

const { createMainWindow } = await import('../../../../main/desktop/window');
const { CSP } = await import('../../../../main/common/contentSecurityPolicy');

const INDEX = '/opt/berth/dist/renderer/index.html';

function open(devUrl?: string) {
  createMainWindow({ preload: '/opt/berth/dist/preload/index.cjs', indexHtml: INDEX, devUrl });
  const w = fake.windows.at(-1);
  if (!w) throw new Error('no window');
  const prevented = (event: string, url: string) => {
    let stopped = false;
    w.events.get(event)?.({ preventDefault: () => (stopped = true) }, url);
    return stopped;
  };
  return { w, prevented };
}

beforeEach(() => {
  fake.windows.length = 0;
  fake.opened.length = 0;
});

describe('main window guards (fake Electron)', () => {
  it('is isolated and sandboxed, without Node', () => {
    const prefs = open().w.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.devTools).toBe(false);
  });

  it('never navigates or redirects away from its own page', () => {
    const { prevented } = open();
    expect(prevented('will-navigate', 'file:///opt/berth/dist/renderer/index.html#/images')).toBe(false);
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'file:///opt/berth/dist/renderer/x.html',
      'javascript:alert(1)',
      'data:text/html,x',
    ]) {
      expect(prevented('will-navigate', url), url).toBe(true);
      expect(prevented('will-redirect', url), url).toBe(true);
    }
    const dev = open('http://localhost:5173/');
    expect(dev.prevented('will-navigate', 'http://localhost:5173/#/compose')).toBe(false);
    expect(dev.prevented('will-navigate', 'http://localhost:5173.evil.example/')).toBe(true);
  });

  it('opens no window: http(s) links go to the browser, other schemes nowhere', () => {
    const { w } = open();
    for (const url of [
      'https://docs.docker.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'ms-msdt:x',
    ]) {
      expect(w.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.opened).toEqual(['https://docs.docker.com/']);
  });

  it('attaches no webview, and grants no permission but clipboard writes', () => {
    const { prevented } = open();
    expect(prevented('will-attach-webview', 'about:blank')).toBe(true);
    const answers: Record<string, boolean> = {};
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
    ]) {
      fake.permissionRequest?.({}, p, (granted: boolean) => (answers[p] = granted));
      expect(fake.permissionCheck?.({}, p), p).toBe(p === 'clipboard-sanitized-write');
    }
    expect(answers).toEqual({
      media: false,
      geolocation: false,
      notifications: false,
      openExternal: false,
      'clipboard-read': false,
      'clipboard-sanitized-write': true,
    });
  });

  it('sets a strict CSP on every response', () => {
    open();
    let out: Record<string, unknown> = {};
    fake.headers?.({ responseHeaders: { 'X-Other': ['1'] } }, (r: Record<string, unknown>) => (out = r));
    expect(out).toEqual({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CSP] } });
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });

  it('has the same script policy in the page itself (a file:// load has no response headers)', () => {
    const html = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toContain("script-src 'self';");
    expect(meta).toContain("object-src 'none'");
    expect(meta).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
