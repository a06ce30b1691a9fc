/**
 * The whole log of one container or pod container on disk, so the renderer never holds it: a text file with
 * the lines exactly as the source printed them (what a download streams, byte for byte), and an index file
 * of fixed 16-byte records, one per line (where its text starts, its timestamp, its stream), so any line is
 * one read away and a time is a binary search. Appends are buffered and written in order, one write at a
 * time: what is appended while a write runs goes in the next one, whole (a followed log arrives a few lines
 * per socket read; a write per read cost the bridge two seconds of a million-line follow); readers only see
 * lines whose bytes are on disk. Disk use is capped: past `maxBytes` nothing more is kept, and `capped`
 * says so. Memory stays bounded by the pending buffer, whatever the log's size.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { LogLine } from '../../../contract/containers';
import { AppendBuffer } from './appendBuffer';
import { formatTime, type LogTime } from './logTime';

/** offset (float64) · seconds (uint32) · nanos | stderr bit 31 | no-own-time bit 30 (uint32). */
export const RECORD_BYTES = 16;
const STDERR_BIT = 0x80000000;
const NO_TIME_BIT = 0x40000000;
const NANOS_MASK = 0x3fffffff;
const RECORDS_PER_BLOCK = 4096;
/** The text waiting to be written is gathered in blocks of this size (a longer line gets its own). */
const TEXT_BLOCK_BYTES = 1024 * 1024;
/** A line longer than this is still kept whole on disk; reads cut what they send (see readLines). */
export const MAX_SENT_LINE_CHARS = 16_384;

export interface SpoolLine extends LogLine {
  /** The line's number in the log, from 0. */
  n: number;
}

export interface LogSpoolOptions {
  /** The spool's own folder; created, and removed by dispose. */
  dir: string;
  /** Disk the spool may use (text and index together). */
  maxBytes: number;
}

export class LogSpool {
  /** Lines on disk (readable). */
  lines = 0;
  /** Text bytes on disk. */
  textBytes = 0;
  /** True once the cap was reached; lines after it were not kept. */
  capped = false;
  /** Lines not kept because of the cap. */
  notKept = 0;
  /** Set when writing failed (disk full, folder removed): nothing more is kept. */
  failure: Error | undefined;

  private readonly textPath: string;
  /** Lines' text and index records appended, not yet handed to a write (copied in: see AppendBuffer). */
  private readonly pendingText = new AppendBuffer(TEXT_BLOCK_BYTES);
  private readonly pendingRecords = new AppendBuffer(RECORDS_PER_BLOCK * RECORD_BYTES);
  private pendingLines = 0;
  /** Bytes handed to a write that has not finished yet. */
  private inFlight = 0;
  /** Offset the next appended line starts at (on disk plus pending). */
  private nextOffset = 0;
  private last: LogTime = { sec: 0, nanos: 0 };
  private writing: Promise<void> = Promise.resolve();
  /** The flush after the running write (`inFlight` > 0), shared by every flush asked for meanwhile. */
  private nextFlush: Promise<void> | undefined;
  private readonly growth = new Set<() => void>();
  private disposed = false;

  private constructor(
    private readonly options: LogSpoolOptions,
    private readonly text: FileHandle,
    private readonly index: FileHandle,
  ) {
    this.textPath = join(options.dir, 'log.txt');
  }

  static async create(options: LogSpoolOptions): Promise<LogSpool> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const text = await open(join(options.dir, 'log.txt'), 'w+', 0o600);
    const index = await open(join(options.dir, 'log.index'), 'w+', 0o600);
    return new LogSpool(options, text, index);
  }

  /** Bytes appended but not yet on disk (waiting or being written): a source pauses above a bound. */
  get pendingBytes(): number {
    return this.unwrittenBytes + this.inFlight;
  }

  /** Bytes appended and not yet handed to a write. */
  get unwrittenBytes(): number {
    return this.pendingText.size + this.pendingRecords.size;
  }

  /** Disk in use (or about to be). */
  get diskBytes(): number {
    return this.nextOffset + (this.lines + this.pendingLines) * RECORD_BYTES;
  }

  get maxBytes(): number {
    return this.options.maxBytes;
  }

  /** The spool's folder (removed by dispose). */
  get dir(): string {
    return this.options.dir;
  }

  /**
   * Appends one line: `bytes[start, end)` is its text, with its newline if it had one (one is added if not).
   * `time` is its timestamp; without one it takes the previous line's (so times stay searchable).
   */
  append(stderr: boolean, bytes: Buffer, start: number, end: number, time?: LogTime): void {
    if (this.capped || this.failure || this.disposed) {
      this.notKept++;
      return;
    }
    const newline = end > start && bytes[end - 1] === 10;
    const size = end - start + (newline ? 0 : 1);
    if (this.diskBytes + size + RECORD_BYTES > this.options.maxBytes) {
      this.capped = true;
      this.notKept++;
      return;
    }
    if (time) this.last = time;
    const t = time ?? this.last;
    const record = this.pendingRecords.reserve(RECORD_BYTES);
    record.block.writeDoubleLE(this.nextOffset, record.at);
    record.block.writeUInt32LE(t.sec >>> 0, record.at + 8);
    record.block.writeUInt32LE(
      ((t.nanos & NANOS_MASK) | (stderr ? STDERR_BIT : 0) | (time ? 0 : NO_TIME_BIT)) >>> 0,
      record.at + 12,
    );
    const text = this.pendingText.reserve(size);
    bytes.copy(text.block, text.at, start, end);
    if (!newline) text.block[text.at + size - 1] = 10;
    this.nextOffset += size;
    this.pendingLines++;
  }

  /**
   * Writes what was appended; resolves once those lines are readable. While a write runs, every flush asked
   * for shares the one after it, which takes all that was appended by then.
   */
  flush(): Promise<void> {
    if (this.inFlight > 0) {
      this.nextFlush ??= this.writing.then(() => {
        this.nextFlush = undefined;
        return this.flush();
      });
      return this.nextFlush;
    }
    if (this.pendingLines === 0) return this.writing;
    const text = this.pendingText.take();
    const records = this.pendingRecords.take();
    const lines = this.pendingLines;
    this.pendingLines = 0;
    this.writing = this.write(text, records, lines);
    return this.writing;
  }

  private async write(text: Buffer, records: Buffer, lines: number): Promise<void> {
    const size = text.length + records.length;
    this.inFlight += size;
    try {
      if (this.failure || this.disposed) return;
      await writeAll(this.text, text, this.textBytes);
      await writeAll(this.index, records, this.lines * RECORD_BYTES);
      this.lines += lines;
      this.textBytes += text.length;
      for (const f of this.growth) f();
    } catch (e) {
      if (!this.disposed) this.failure = e as Error;
    } finally {
      this.inFlight -= size;
    }
  }

  /** Called after each write that added lines. */
  onGrowth(listener: () => void): () => void {
    this.growth.add(listener);
    return () => this.growth.delete(listener);
  }

  /** Lines [from, to) as they are on disk now (clamped), with their timestamps and streams. */
  async readLines(from: number, to: number): Promise<SpoolLine[]> {
    const a = Math.max(0, Math.min(from, this.lines));
    const b = Math.max(a, Math.min(to, this.lines));
    if (a === b) return [];
    const records = await this.readRecords(a, b);
    const base = records.readDoubleLE(0);
    const end = b < this.lines ? (await this.readRecords(b, b + 1)).readDoubleLE(0) : this.textBytes;
    const text = await readAt(this.text, base, end - base);
    const out: SpoolLine[] = new Array<SpoolLine>(b - a);
    for (let i = 0; i < b - a; i++) {
      const r = i * RECORD_BYTES;
      const s = records.readDoubleLE(r) - base;
      const e = i + 1 < b - a ? records.readDoubleLE(r + RECORD_BYTES) - base : text.length;
      let stop = e - 1; // the newline
      if (stop > s && text[stop - 1] === 13) stop--;
      let line = text.toString('utf8', s, Math.min(stop, s + MAX_SENT_LINE_CHARS * 4));
      if (line.length > MAX_SENT_LINE_CHARS || stop - s > MAX_SENT_LINE_CHARS * 4)
        line = `${line.slice(0, MAX_SENT_LINE_CHARS)}… [line cut at ${MAX_SENT_LINE_CHARS} characters]`;
      const bits = records.readUInt32LE(r + 12);
      const entry: SpoolLine = { n: a + i, stream: bits & STDERR_BIT ? 'stderr' : 'stdout', text: line };
      if (!(bits & NO_TIME_BIT))
        entry.time = formatTime({ sec: records.readUInt32LE(r + 8), nanos: bits & NANOS_MASK });
      out[i] = entry;
    }
    return out;
  }

  /** Where line `n`'s text starts in the text file (n may be `lines`: the end). */
  async offsetOf(n: number): Promise<number> {
    if (n >= this.lines) return this.textBytes;
    return (await this.readRecords(n, n + 1)).readDoubleLE(0);
  }

  /** Line `n`'s timestamp (its own or the one it inherited). */
  async timeOf(n: number): Promise<LogTime> {
    const r = await this.readRecords(n, n + 1);
    return { sec: r.readUInt32LE(8), nanos: r.readUInt32LE(12) & NANOS_MASK };
  }

  /** The first line at or after `t` (binary search over the index); `lines` when every line is older. */
  async lineAtTime(t: LogTime): Promise<number> {
    let lo = 0;
    let hi = this.lines;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = await this.timeOf(mid);
      if (m.sec < t.sec || (m.sec === t.sec && m.nanos < t.nanos)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The text file from `start` to what is on disk now: a download. */
  textStream(start = 0): Readable {
    const end = this.textBytes;
    if (end <= start) return Readable.from([]);
    return createReadStream(this.textPath, { start, end: end - 1, highWaterMark: 1024 * 1024 });
  }

  /** Reads raw text bytes [start, start + length): the search scans the log with it. */
  readText(start: number, length: number): Promise<Buffer> {
    return readAt(this.text, start, Math.max(0, Math.min(length, this.textBytes - start)));
  }

  /** Closes the files and removes the spool's folder. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.growth.clear();
    this.pendingText.clear();
    this.pendingRecords.clear();
    await this.writing.catch(() => {});
    await Promise.allSettled([this.text.close(), this.index.close()]);
    await rm(this.options.dir, { recursive: true, force: true });
  }

  private readRecords(from: number, to: number): Promise<Buffer> {
    return readAt(this.index, from * RECORD_BYTES, (to - from) * RECORD_BYTES);
  }
}

async function writeAll(file: FileHandle, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const out = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(out, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? out : out.subarray(0, done);
}
