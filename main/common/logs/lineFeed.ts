/**
 * Splits a source's bytes into lines for a LogSpool, at the byte level (no decoding: the spool keeps the
 * bytes as printed). Each line may start with the RFC 3339 timestamp the source was asked for; it is taken
 * off into the line's record. A partial line waits for its newline; one that grows past `maxLineBytes`
 * without a newline is kept as a line of its own so one runaway line cannot exhaust memory.
 */
import type { LogSpool } from './logSpool';
import { parseTimeBytes } from './logTime';

export const MAX_LINE_BYTES = 1024 * 1024;

export class LineFeed {
  private rest: Buffer | undefined;
  private restTime: { sec: number; nanos: number } | undefined;

  constructor(
    private readonly spool: LogSpool,
    private readonly stderr: boolean,
    /** Whether each line (each frame, with `framed`) starts with a timestamp. */
    private readonly timestamps: boolean,
    /**
     * The source sends whole log entries (the engine's multiplexed frames): every push starts with its own
     * timestamp, also when it continues a line the engine split (a long line), and that one is dropped.
     */
    private readonly framed = false,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  push(chunk: Buffer): void {
    let bytes = chunk;
    let start = 0;
    if (this.rest && this.framed && this.timestamps) {
      const t = parseTimeBytes(bytes, 0, Math.min(bytes.length, 40));
      if (t) start = t.next;
    }
    if (this.rest) {
      bytes = Buffer.concat([this.rest, bytes.subarray(start)]);
      start = 0;
    }
    const time = this.restTime;
    this.rest = undefined;
    this.restTime = undefined;
    let lineTime = time;
    let lineStart = start;
    let textStart = start;
    let parsedHead = time !== undefined || start > 0;
    for (;;) {
      if (!parsedHead && this.timestamps) {
        const t = parseTimeBytes(bytes, lineStart, Math.min(bytes.length, lineStart + 40));
        if (t) {
          lineTime = { sec: t.sec, nanos: t.nanos };
          textStart = t.next;
        }
      }
      const nl = bytes.indexOf(10, textStart);
      if (nl === -1) break;
      this.spool.append(this.stderr, bytes, textStart, nl + 1, lineTime);
      lineStart = nl + 1;
      textStart = lineStart;
      lineTime = undefined;
      parsedHead = false;
    }
    if (textStart < bytes.length || (lineTime && textStart === bytes.length && lineStart < bytes.length)) {
      if (bytes.length - textStart > this.maxLineBytes) {
        this.spool.append(this.stderr, bytes, textStart, bytes.length, lineTime);
        return;
      }
      this.rest = Buffer.from(bytes.subarray(textStart));
      this.restTime = lineTime;
    }
  }

  /** The source ended: the last line, if it had no newline. */
  end(): void {
    if (this.rest?.length) this.spool.append(this.stderr, this.rest, 0, this.rest.length, this.restTime);
    this.rest = undefined;
    this.restTime = undefined;
  }
}
