/**
 * The few SPDY/3.1 frames a port-forward needs (the protocol the kubelet speaks, and kubectl with it):
 * SYN_STREAM to open the error and data streams, DATA, RST_STREAM, PING replies; and a reader that splits the
 * server's byte stream into frames, handing data on without copying when a frame lies in one chunk.
 * Header blocks are sent as uncompressed ("stored") deflate blocks of one zlib stream, each ended by a
 * sync flush as a compressor's would be, which any SPDY peer inflates; the server's own header blocks (SYN_REPLY) are skipped, not read. Pure.
 */

export const SpdyType = {
  synStream: 1,
  synReply: 2,
  rstStream: 3,
  settings: 4,
  ping: 6,
  goAway: 7,
  headers: 8,
  windowUpdate: 9,
} as const;

export const FLAG_FIN = 0x01;
const VERSION = 3;
/** The largest DATA payload SPDY allows (24 bits). */
export const MAX_DATA = 0xffffff;

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(8 + payload.length);
  out.writeUInt16BE(0x8000 | VERSION, 0);
  out.writeUInt16BE(type, 2);
  out.writeUInt32BE(((flags & 0xff) << 24) | payload.length, 4);
  payload.copy(out, 8);
  return out;
}

/** SPDY/3's name/value block: a count, then each lower-case name and its value, lengths before them. */
export function headerBlock(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const entries = Object.entries(headers);
  const count = Buffer.allocUnsafe(4);
  count.writeUInt32BE(entries.length, 0);
  parts.push(count);
  for (const [name, value] of entries) {
    for (const text of [name.toLowerCase(), value]) {
      const bytes = Buffer.from(text, 'utf8');
      const len = Buffer.allocUnsafe(4);
      len.writeUInt32BE(bytes.length, 0);
      parts.push(len, bytes);
    }
  }
  return Buffer.concat(parts);
}

/** The empty stored block a zlib sync flush ends with: it makes the inflater hand out what it has. */
const SYNC_FLUSH = [0x00, 0x00, 0x00, 0xff, 0xff];

/**
 * `data` as a non-final stored deflate block and a sync flush, as one header block of the connection's
 * zlib stream; the stream's first block carries the zlib header (no preset dictionary).
 */
export function storedBlock(data: Buffer, first: boolean): Buffer {
  if (data.length > 0xffff) throw new Error('header block too large');
  const head = first ? [0x78, 0x01] : [];
  const out = Buffer.allocUnsafe(head.length + 5 + data.length + SYNC_FLUSH.length);
  let at = 0;
  for (const b of head) out[at++] = b;
  out[at++] = 0x00; // BFINAL=0, BTYPE=00 (stored), padded to the byte boundary
  out.writeUInt16LE(data.length, at);
  out.writeUInt16LE(~data.length & 0xffff, at + 2);
  data.copy(out, at + 4);
  at += 4 + data.length;
  for (const b of SYNC_FLUSH) out[at++] = b;
  return out;
}

/** SYN_STREAM for a client stream; `firstHeaders` when it is the connection's first header block. */
export function synStream(streamId: number, headers: Record<string, string>, firstHeaders: boolean): Buffer {
  const block = storedBlock(headerBlock(headers), firstHeaders);
  const payload = Buffer.allocUnsafe(10 + block.length);
  payload.writeUInt32BE(streamId & 0x7fffffff, 0);
  payload.writeUInt32BE(0, 4); // associated-to stream
  payload[8] = 0; // priority 0 (highest), unused bits
  payload[9] = 0; // slot
  block.copy(payload, 10);
  return controlFrame(SpdyType.synStream, 0, payload);
}

/** A DATA frame's 8-byte header; the data follows it on the wire as it is. */
export function dataHeader(streamId: number, length: number, fin: boolean): Buffer {
  const out = Buffer.allocUnsafe(8);
  out.writeUInt32BE(streamId & 0x7fffffff, 0);
  out.writeUInt32BE(((fin ? FLAG_FIN : 0) << 24) | length, 4);
  return out;
}

/** RST_STREAM with status CANCEL: this side is done with the stream. */
export function rstStream(streamId: number): Buffer {
  const payload = Buffer.allocUnsafe(8);
  payload.writeUInt32BE(streamId & 0x7fffffff, 0);
  payload.writeUInt32BE(5, 4);
  return controlFrame(SpdyType.rstStream, 0, payload);
}

export function pingFrame(id: number): Buffer {
  const payload = Buffer.allocUnsafe(4);
  payload.writeUInt32BE(id >>> 0, 0);
  return controlFrame(SpdyType.ping, 0, payload);
}

export interface SpdyHandlers {
  data(streamId: number, data: Buffer, fin: boolean): void;
  /** A control frame; its payload only for the small ones a port-forward reads (not header blocks). */
  control(type: number, flags: number, payload: Buffer): void;
}

/**
 * Splits a byte stream into SPDY frames. DATA is handed on as it arrives, a frame spanning several chunks
 * in several parts (FIN with the last), so nothing is copied or held back; control frames whole.
 */
export class SpdyReader {
  /** Bytes of a frame header or a control frame not complete yet. */
  private partial: Buffer | undefined;
  /** Inside a DATA frame: its stream, what is still to come, and whether it ends the stream. */
  private dataLeft = 0;
  private dataStream = 0;
  private dataFin = false;

  constructor(private readonly on: SpdyHandlers) {}

  push(chunk: Buffer): void {
    let buf = chunk;
    let at = 0;
    if (this.dataLeft > 0) {
      const n = Math.min(this.dataLeft, buf.length);
      this.dataLeft -= n;
      this.on.data(this.dataStream, buf.subarray(0, n), this.dataLeft === 0 && this.dataFin);
      at = n;
    } else if (this.partial) {
      buf = Buffer.concat([this.partial, buf]);
      this.partial = undefined;
    }
    while (at < buf.length) {
      if (buf.length - at < 8) break;
      const length = buf.readUInt32BE(at + 4) & 0xffffff;
      const flags = buf[at + 4] as number;
      if ((buf[at] as number) & 0x80) {
        if (buf.length - at < 8 + length) break;
        this.on.control(buf.readUInt16BE(at + 2), flags, buf.subarray(at + 8, at + 8 + length));
        at += 8 + length;
        continue;
      }
      const stream = buf.readUInt32BE(at) & 0x7fffffff;
      const fin = (flags & FLAG_FIN) !== 0;
      const n = Math.min(length, buf.length - at - 8);
      if (n < length) {
        this.dataLeft = length - n;
        this.dataStream = stream;
        this.dataFin = fin;
      }
      if (n > 0 || length === 0) this.on.data(stream, buf.subarray(at + 8, at + 8 + n), n === length && fin);
      at += 8 + n;
    }
    if (at < buf.length) this.partial = Buffer.from(buf.subarray(at));
  }
}
