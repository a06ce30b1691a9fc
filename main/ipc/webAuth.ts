/** The browser bridge's guard: a per-run secret token, loopback Host names only, same-origin only. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newToken = (): string => randomBytes(24).toString('base64url');

export const cookieName = (port: number): string => `berth_token_${port}`;

export type Verdict =
  { ok: true; viaQuery: boolean } | { ok: false; status: 401 | 403 | 429; reason: string; retryAfter?: number };

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function cookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/** The request's URL, or undefined when it is not one (`GET http://[ HTTP/1.1` would throw). */
export function requestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

/** Checks Host and Origin (against DNS rebinding and cross-site pages) and then the token. */
export function checkRequest(req: IncomingMessage, token: string, port: number): Verdict {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return { ok: false, status: 403, reason: `foreign Host header "${host}"` };
  const origin = req.headers.origin;
  if (origin !== undefined && !(origin.startsWith('http://') && allowedHosts.has(origin.slice('http://'.length)))) {
    return { ok: false, status: 403, reason: `foreign Origin "${origin}"` };
  }
  const url = requestUrl(req);
  if (!url) return { ok: false, status: 403, reason: 'not a URL' };
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) {
    return sameSecret(fromQuery, token)
      ? { ok: true, viaQuery: true }
      : { ok: false, status: 401, reason: 'wrong token' };
  }
  const fromCookie = cookies(req.headers.cookie).get(cookieName(port));
  if (fromCookie === undefined) return { ok: false, status: 401, reason: 'missing token' };
  return sameSecret(fromCookie, token)
    ? { ok: true, viaQuery: false }
    : { ok: false, status: 401, reason: 'wrong token' };
}
