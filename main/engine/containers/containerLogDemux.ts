/**
 * Turns a container's raw log or attach stream into lines. Without a TTY the engine multiplexes stdout and
 * stderr into frames (an 8-byte header: stream type, 3 zero bytes, a big-endian payload length); with a
 * TTY it sends plain bytes. Partial lines are kept per stream until their newline arrives.
 */
import { StringDecoder } from 'node:string_decoder';
import type { LogLine } from '../../../contract/containers';

import { MAX_LINE_CHARS } from '../../common/logLine';

type StreamName = LogLine['stream'];

class LineAssembler {
  private readonly decoder = new StringDecoder('utf8');
  private rest = '';

  constructor(private readonly stream: StreamName) {}

  push(bytes: Buffer, out: Array<{ stream: StreamName; raw: string }>): void {
    this.rest += this.decoder.write(bytes);
    const parts = this.rest.split('\n');
    this.rest = parts.pop() ?? '';
    if (this.rest.length > MAX_LINE_CHARS * 4) this.rest = this.rest.slice(0, MAX_LINE_CHARS);
    for (const p of parts) out.push({ stream: this.stream, raw: p.endsWith('\r') ? p.slice(0, -1) : p });
  }

  flush(out: Array<{ stream: StreamName; raw: string }>): void {
    this.rest += this.decoder.end();
    if (this.rest) out.push({ stream: this.stream, raw: this.rest });
    this.rest = '';
  }
}

export class LogDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private readonly lines = { stdout: new LineAssembler('stdout'), stderr: new LineAssembler('stderr') };

  /** @param multiplexed false for a TTY container, whose stream is plain bytes. */
  constructor(private readonly multiplexed: boolean) {}

  /** Feeds a chunk; returns the complete lines it finished. */
  push(chunk: Buffer): Array<{ stream: StreamName; raw: string }> {
    const out: Array<{ stream: StreamName; raw: string }> = [];
    if (!this.multiplexed) {
      this.lines.stdout.push(chunk, out);
      return out;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    while (this.pending.length - offset >= 8) {
      const type = this.pending[offset] ?? 1;
      const size = this.pending.readUInt32BE(offset + 4);
      if (this.pending.length - offset - 8 < size) break;
      const payload = this.pending.subarray(offset + 8, offset + 8 + size);
      (type === 2 ? this.lines.stderr : this.lines.stdout).push(payload, out);
      offset += 8 + size;
    }
    this.pending = this.pending.subarray(offset);
    return out;
  }

  /** The stream ended: whatever partial lines are left. */
  end(): Array<{ stream: StreamName; raw: string }> {
    const out: Array<{ stream: StreamName; raw: string }> = [];
    this.lines.stdout.flush(out);
    this.lines.stderr.flush(out);
    return out;
  }
}
