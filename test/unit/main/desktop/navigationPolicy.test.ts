import { describe, expect, it } from 'vitest';
import { allowedPermission, appPageCheck, isSafeExternalUrl } from '../../../../main/desktop/navigationPolicy';

describe('navigation policy of the Electron window', () => {
  it('knows the built page and nothing else, however the URL is written', () => {
    const isApp = appPageCheck({ indexHtml: '/opt/Berth App/resources/dist/renderer/index.html' });
    expect(isApp('file:///opt/Berth%20App/resources/dist/renderer/index.html')).toBe(true);
    expect(isApp('file:///opt/Berth%20App/resources/dist/renderer/index.html#/containers')).toBe(true);
    expect(isApp('file:///opt/Berth%20App/resources/dist/renderer/index.html?x=1')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'file:///opt/Berth%20App/resources/dist/renderer/other.html',
      'file:///opt/Berth%20App/resources/dist/renderer/../renderer2/index.html',
      'file://evil.example/opt/Berth%20App/resources/dist/renderer/index.html',
      'https://evil.example/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isApp(url), url).toBe(false);
    }
  });

  it('knows the dev server by its exact origin, not a prefix', () => {
    const isApp = appPageCheck({ devUrl: 'http://localhost:5173/', indexHtml: '/x/index.html' });
    expect(isApp('http://localhost:5173/#/images')).toBe(true);
    expect(isApp('http://localhost:5173.evil.example/')).toBe(false);
    expect(isApp('http://localhost:51730/')).toBe(false);
    expect(isApp('https://localhost:5173/')).toBe(false);
    expect(isApp('http://evil.example/?http://localhost:5173/')).toBe(false);
    expect(isApp('file:///x/index.html')).toBe(false);
  });

  it('opens only http(s) links outside: never file:, javascript:, smb: or other schemes', () => {
    expect(isSafeExternalUrl('https://docs.docker.com/engine/install/')).toBe(true);
    expect(isSafeExternalUrl('http://127.0.0.1:8080/')).toBe(true);
    expect(isSafeExternalUrl('HTTPS://kind.sigs.k8s.io')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'file://server/share/evil.exe',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'smb://attacker.example/share',
      '\\\\attacker.example\\share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://extension/x',
      'ftp://example.com/',
      'data:text/html,hi',
      'mailto:someone@example.com',
      'http:',
      'https://',
      ' javascript:alert(1)',
      '',
    ]) {
      expect(isSafeExternalUrl(url), url).toBe(false);
    }
  });

  it('grants no permission but clipboard writes', () => {
    expect(allowedPermission('clipboard-sanitized-write')).toBe(true);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
      'usb',
    ]) {
      expect(allowedPermission(p), p).toBe(false);
    }
  });
});
