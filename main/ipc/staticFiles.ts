/**
 * Serves the built renderer to the browser bridge, confined to its folder: `..` in any encoding, NUL and
 * malformed escapes are refused (400), and a symlink inside the folder is served only when what it points to
 * is inside the folder too.
 *
 * Everything but the page itself (`index.html`, read afresh for every request: a rebuilt renderer shows up
 * there) is what browsers are told is immutable: Vite names it by its content. So the bridge keeps such a file
 * in memory once served, up to a bound, and answers it again without touching the disk: a page's first load
 * asks for about twenty of them at once, each a stat, two realpaths, an open, reads and a close otherwise.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** A file kept in memory is at most this big (the largest chunk is ~350 KB; source maps are bigger). */
const MAX_KEPT_FILE_BYTES = 1024 * 1024;
/** All kept files together (the whole renderer, maps aside, is ~1.5 MB). */
const MAX_KEPT_BYTES = 16 * 1024 * 1024;

/** Whether `file`, symlinks resolved, is still inside `root` (itself resolved). */
async function inside(root: string, file: string): Promise<boolean> {
  const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]).catch(() => ['', '']);
  return realRoot !== '' && realFile.startsWith(realRoot + sep);
}

interface Kept {
  readonly body: Buffer;
  readonly type: string;
}

export type StaticFiles = (pathname: string, res: ServerResponse, headers: Record<string, string>) => Promise<void>;

/** The renderer's files under `root`, served as the bridge answers a GET or HEAD for `pathname`. */
export function staticFiles(root: string): StaticFiles {
  const kept = new Map<string, Kept>();
  let keptBytes = 0;

  const send = (res: ServerResponse, headers: Record<string, string>, file: string, type: string, size: number) =>
    res.writeHead(200, {
      ...headers,
      'content-type': type,
      'content-length': String(size),
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=31536000, immutable',
    });

  const serve: StaticFiles = async (pathname, res, headers) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
      return;
    }
    if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad path');
      return;
    }
    const rel = normalize(decoded).replace(/^([/\\])+/, '');
    let file = join(root, rel || 'index.html');
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    const known = kept.get(file);
    if (known) {
      send(res, headers, file, known.type, known.body.length).end(known.body);
      return;
    }
    let info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    if (info && !(await inside(root, file))) {
      res.writeHead(403).end();
      return;
    }
    if (!info) {
      // Client-side routes fall back to the app shell.
      if (!extname(rel)) return serve('/index.html', res, headers);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const keep =
      !file.endsWith('index.html') && info.size <= MAX_KEPT_FILE_BYTES && keptBytes + info.size <= MAX_KEPT_BYTES;
    if (!keep) {
      send(res, headers, file, type, info.size);
      createReadStream(file).pipe(res);
      return;
    }
    const body = await readFile(file);
    if (!kept.has(file)) {
      kept.set(file, { body, type });
      keptBytes += body.length;
    }
    send(res, headers, file, type, body.length).end(body);
  };
  return serve;
}
