/**
 * The build context: the folder's files minus what `.dockerignore` excludes (Docker's own rules, via
 * @balena/dockerignore), packed as a tar stream for POST /build. The Dockerfile and .dockerignore are
 * always sent, as the docker CLI does, so the engine can read them even when they are ignored.
 */
import dockerignore from '@balena/dockerignore';
import { createReadStream } from 'node:fs';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pack, type Pack } from 'tar-stream';

export interface ContextEntry {
  /** Posix path relative to the context root. */
  path: string;
  type: 'file' | 'directory' | 'symlink';
}

/** Reads `.dockerignore` (when present) into a predicate on relative posix paths. */
export async function readIgnore(root: string): Promise<(path: string) => boolean> {
  let text: string;
  try {
    text = await readFile(join(root, '.dockerignore'), 'utf8');
  } catch {
    return () => false;
  }
  const ig = dockerignore({ ignorecase: false }).add(text);
  return (path) => ig.ignores(path);
}

/** Every entry of the context that is sent to the engine, in a stable order. */
export async function contextEntries(root: string, dockerfile: string): Promise<ContextEntry[]> {
  const ignored = await readIgnore(root);
  const keep = new Set([toPosix(dockerfile).replace(/^\.\//, ''), '.dockerignore']);
  const out: ContextEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    const names = (await readdir(join(root, dir))).sort();
    for (const name of names) {
      const rel = dir ? `${dir}/${name}` : name;
      const st = await lstat(join(root, rel));
      const skip = ignored(rel) && !keep.has(rel);
      if (st.isDirectory()) {
        if (!skip) out.push({ path: rel, type: 'directory' });
        // An ignored folder may still hold a re-included (`!pattern`) file, so look inside anyway.
        await walk(rel);
      } else if (!skip) {
        out.push({ path: rel, type: st.isSymbolicLink() ? 'symlink' : 'file' });
      }
    }
  };
  await walk('');
  return out;
}

/** Packs the given entries of `root` into a tar stream (uncompressed). */
export function packContext(root: string, entries: ContextEntry[]): Pack {
  const tar = pack();
  void (async () => {
    for (const e of entries) {
      const full = join(root, e.path);
      const st = await lstat(full);
      const header = { name: e.path, mode: st.mode & 0o7777, mtime: st.mtime, uid: 0, gid: 0 };
      if (e.type === 'directory') {
        await entry(tar, { ...header, type: 'directory' });
      } else if (e.type === 'symlink') {
        await entry(tar, { ...header, type: 'symlink', linkname: await readlink(full) });
      } else {
        await new Promise<void>((resolve, reject) => {
          const sink = tar.entry({ ...header, size: st.size, type: 'file' }, (err) => (err ? reject(err) : resolve()));
          const source = createReadStream(full);
          source.on('error', reject);
          source.pipe(sink);
        });
      }
    }
    tar.finalize();
  })().catch((e: unknown) => tar.destroy(e instanceof Error ? e : new Error(String(e))));
  return tar;
}

const entry = (tar: Pack, header: Parameters<Pack['entry']>[0]) =>
  new Promise<void>((resolve, reject) => tar.entry(header, (err) => (err ? reject(err) : resolve())));

const toPosix = (p: string) => p.split('\\').join('/');
