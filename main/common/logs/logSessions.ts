/**
 * Open logs: each session is one source (a container's or a pod container's log) written into its own
 * LogSpool while the view that opened it stays open. The renderer asks for windows of lines, searches
 * (scanned in main, matches kept here), jumps to a time and downloads the whole text; closing the view (or
 * its connection dropping, or Berth quitting) stops the source and deletes the spool.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ApiError } from '../../../contract/errors';
import { toApiError } from '../toApiError';
import { LogSpool } from './logSpool';
import { defaultSpoolRoot, ownSpoolFolder, removeStaleSpools } from './spoolFolder';
import { MatchList, queryRegExp, scanSpool, type ScanState, type SearchQuery } from './spoolSearch';

/** Disk one log may use by default (text and index). */
export const DEFAULT_SPOOL_BYTES = 2 * 1024 * 1024 * 1024;
/** A source pauses while this much is waiting to be written. */
const HIGH_WATER = 16 * 1024 * 1024;
/** Appended lines wait at most this long to be written (see pumpInto)… */
const FLUSH_DELAY_MS = 20;
/** …or until this much waits. */
const FLUSH_BYTES = 512 * 1024;
const DOWNLOAD_TTL_MS = 60_000;

/** Feeds a spool until the source ends (resolves) or fails (rejects); stops when `signal` aborts. */
export type LogSource = (spool: LogSpool, signal: AbortSignal) => Promise<void>;

export interface SessionState {
  lines: number;
  bytes: number;
  /** The source is still sending (a running container followed). */
  following: boolean;
  capped: boolean;
  notKept: number;
  maxBytes: number;
  error?: { code: ApiError['code']; message: string; hint?: string };
}

interface Search {
  query: SearchQuery;
  matches: MatchList;
  state: ScanState;
  controller: AbortController;
  done: boolean;
}

export class LogSession {
  following = true;
  error: ApiError | undefined;
  private readonly listeners = new Set<() => void>();
  readonly searches = new Map<string, Search>();
  readonly controller = new AbortController();

  constructor(
    readonly id: string,
    /** A file name for downloads, without extension. */
    readonly name: string,
    readonly spool: LogSpool,
  ) {
    spool.onGrowth(() => this.changed());
  }

  state(): SessionState {
    const s = this.spool;
    const out: SessionState = {
      lines: s.lines,
      bytes: s.textBytes,
      following: this.following,
      capped: s.capped,
      notKept: s.notKept,
      maxBytes: s.maxBytes,
    };
    const e =
      this.error ??
      (s.failure &&
        new ApiError(
          'failed',
          `Berth could not write the log to disk: ${s.failure.message}`,
          'Free some disk space and open the log again.',
        ));
    if (e) out.error = { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
    return out;
  }

  /** Hears every change of state (new lines, the source ending). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const f of this.listeners) f();
  }

  /**
   * Starts (or restarts) a search; `onProgress` hears as it scans, again as new lines of a followed log
   * are scanned. Returns the search's id.
   */
  search(query: SearchQuery, onProgress: (s: { count: number; scanned: number; done: boolean }) => void): string {
    queryRegExp(query); // a bad pattern throws here, before anything starts
    const id = randomUUID();
    const search: Search = {
      query,
      matches: new MatchList(),
      state: { line: 0, offset: 0 },
      controller: new AbortController(),
      done: false,
    };
    this.searches.set(id, search);
    const signal = search.controller.signal;
    let running = false;
    let again = false;
    const report = () => onProgress({ count: search.matches.count, scanned: search.state.line, done: search.done });
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          search.done = false;
          search.state = await scanSpool(this.spool, query, search.matches, search.state, signal, (st) => {
            search.state = st;
            report();
          });
        } while (again && !signal.aborted);
        search.done = true;
        if (!signal.aborted) report();
      } finally {
        running = false;
      }
    };
    const stop = this.onChange(() => {
      if (this.spool.textBytes > search.state.offset) void run();
    });
    signal.addEventListener('abort', stop, { once: true });
    void run().catch(() => {});
    return id;
  }

  findSearch(id: string): Search {
    const s = this.searches.get(id);
    if (!s) throw new ApiError('not_found', 'That search is over.', 'Search again.');
    return s;
  }

  endSearch(id: string): void {
    this.searches.get(id)?.controller.abort();
    this.searches.delete(id);
  }

  async dispose(): Promise<void> {
    this.controller.abort();
    for (const id of [...this.searches.keys()]) this.endSearch(id);
    this.listeners.clear();
    await this.spool.dispose();
  }
}

export interface LogSessionsOptions {
  /** Where spools live; the OS temp dir by default. */
  root?: string;
  /** Disk one log may use. */
  maxBytes?: number;
}

export class LogSessions {
  private readonly sessions = new Map<string, LogSession>();
  private readonly downloads = new Map<string, { session: string; expires: number }>();
  readonly root: string;
  readonly maxBytes: number;
  private folder: string | undefined;

  constructor(options: LogSessionsOptions = {}) {
    this.root = options.root ?? defaultSpoolRoot();
    this.maxBytes = options.maxBytes ?? DEFAULT_SPOOL_BYTES;
    removeStaleSpools(this.root);
  }

  /** Opens a session: the spool is created and the source starts writing into it. */
  async open(name: string, source: LogSource): Promise<LogSession> {
    this.folder ??= ownSpoolFolder(this.root);
    const id = randomUUID();
    const spool = await LogSpool.create({ dir: join(this.folder, id), maxBytes: this.maxBytes });
    const session = new LogSession(id, name, spool);
    this.sessions.set(id, session);
    void source(spool, session.controller.signal)
      .catch((e: unknown) => {
        if (session.controller.signal.aborted) return;
        const error = toApiError(e);
        session.error =
          error.code === 'failed' ? new ApiError('failed', `The log stopped: ${error.message}`, error.hint) : error;
      })
      .then(() => spool.flush())
      .finally(() => {
        session.following = false;
        session.changed();
      });
    return session;
  }

  get(id: string): LogSession {
    const s = this.sessions.get(id);
    if (!s) throw new ApiError('not_found', 'This log is closed.', 'Open the log again.');
    return s;
  }

  /** Stops the source and deletes the spool. */
  async close(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    for (const [token, d] of this.downloads) if (d.session === id) this.downloads.delete(token);
    await s.dispose();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** A one-time token for the web bridge's download URL of a session's whole text. */
  downloadToken(id: string): string {
    this.get(id);
    const token = randomBytes(24).toString('base64url');
    this.downloads.set(token, { session: id, expires: Date.now() + DOWNLOAD_TTL_MS });
    return token;
  }

  /** Redeems a download token (once): the file name and the text as it is now. */
  takeDownload(token: string): { name: string; size: number; stream: Readable } | undefined {
    const d = this.downloads.get(token);
    this.downloads.delete(token);
    const now = Date.now();
    for (const [t, x] of this.downloads) if (x.expires < now) this.downloads.delete(t);
    if (!d || d.expires < now) return undefined;
    const s = this.sessions.get(d.session);
    if (!s) return undefined;
    return { name: `${s.name}.log`, size: s.spool.textBytes, stream: s.spool.textStream() };
  }

  /** Berth quits: every source stopped, every spool deleted (at once: the process may exit next). */
  disposeAll(): Promise<void> {
    const closing = Promise.allSettled([...this.sessions.keys()].map((id) => this.close(id)));
    if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    this.folder = undefined;
    return closing.then(() => undefined);
  }
}

/**
 * Pipes a byte stream into a spool through `onChunk` (which appends lines), pausing while writes lag. What
 * arrives is handed to a write FLUSH_DELAY_MS after the first unwritten line, or at once past FLUSH_BYTES
 * (a write already running finishes first: LogSpool.flush). A followed log comes a few lines per socket
 * read, and a write per read (two system calls and a trip through libuv's thread pool, ~85 µs of this
 * thread each on this machine) was a fifth of the bridge's work in a million-line follow. The delay is
 * below what the view sees: a session's state goes out every 50 ms.
 */
export function pumpInto(
  spool: LogSpool,
  readable: NodeJS.ReadableStream & { destroy?: () => void },
  onChunk: (chunk: Buffer) => void,
  onEnd: () => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      clearTimeout(timer);
      timer = undefined;
      return spool.flush();
    };
    const kick = () => {
      if (spool.unwrittenBytes >= FLUSH_BYTES) void flush();
      else timer ??= setTimeout(flush, FLUSH_DELAY_MS);
    };
    readable.on('data', (chunk: Buffer | string) => {
      onChunk(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      kick();
      if (spool.pendingBytes > HIGH_WATER && !readable.isPaused()) {
        readable.pause();
        void flush().then(() => readable.resume());
      }
    });
    readable.on('end', () => {
      onEnd();
      void flush().then(() => resolve());
    });
    readable.on('error', (e) => {
      clearTimeout(timer);
      if (signal.aborted) resolve();
      else reject(e);
    });
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        readable.destroy?.();
        resolve();
      },
      { once: true },
    );
  });
}
