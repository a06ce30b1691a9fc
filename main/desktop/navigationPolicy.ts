/**
 * What the Electron window may show and open, as plain functions: Berth's own page (the built index.html,
 * or the dev server's origin) is the only thing the window navigates to and the only frame whose messages
 * reach the API; links outside open in the user's browser only when they are http(s); the only permission a
 * page gets is writing to the clipboard (copy buttons).
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const parse = (url: string): URL | undefined => {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
};

/** A check for "this URL is Berth's own page": the same origin as the dev server, else the same file. */
export function appPageCheck(options: { devUrl?: string; indexHtml: string }): (url: string) => boolean {
  if (options.devUrl) {
    const origin = new URL(options.devUrl).origin;
    return (url) => parse(url)?.origin === origin;
  }
  const file = resolve(options.indexHtml);
  return (url) => {
    const u = parse(url);
    if (!u || u.protocol !== 'file:' || (u.hostname !== '' && u.hostname !== 'localhost')) return false;
    try {
      return fileURLToPath(u) === file; // however the path was escaped
    } catch {
      return false;
    }
  };
}

/** Only web links leave Berth (in the user's browser): never file:, smb:, javascript:, custom schemes. */
export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  return (u?.protocol === 'https:' || u?.protocol === 'http:') && u.hostname !== '';
}

/** The permissions a page of Berth's may have. */
export const allowedPermission = (permission: string): boolean => permission === 'clipboard-sanitized-write';
