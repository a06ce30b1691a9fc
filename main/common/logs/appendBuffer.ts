/**
 * Bytes waiting to be written, gathered in large blocks the buffer owns: a spool appends each line's text
 * and index record here by copying, and a flush takes what was appended since the last one as views of
 * those blocks. Nothing keeps the source's buffers alive (a line held as a slice of a socket read keeps
 * the whole 64 KiB read), and a flush copies nothing unless what it takes spans blocks: the next appends go
 * on in the same block, after the part handed over, which is never written again.
 */
export class AppendBuffer {
  private block: Buffer;
  private used = 0;
  /** Where the part not yet taken starts in `block`. */
  private from = 0;
  private full: Buffer[] = [];
  private fullBytes = 0;

  constructor(private readonly blockBytes: number) {
    this.block = Buffer.allocUnsafe(blockBytes);
  }

  /** Bytes appended and not yet taken. */
  get size(): number {
    return this.fullBytes + this.used - this.from;
  }

  /** Room for `size` bytes: the block to write them into, and where. */
  reserve(size: number): { block: Buffer; at: number } {
    if (this.used + size > this.block.length) {
      if (this.used > this.from) {
        this.full.push(this.block.subarray(this.from, this.used));
        this.fullBytes += this.used - this.from;
      }
      this.block = Buffer.allocUnsafe(Math.max(this.blockBytes, size));
      this.used = 0;
      this.from = 0;
    }
    const at = this.used;
    this.used += size;
    return { block: this.block, at };
  }

  /** What was appended since the last take, in order, as one buffer (copied only when it spans blocks). */
  take(): Buffer {
    const parts = this.full;
    if (this.used > this.from) parts.push(this.block.subarray(this.from, this.used));
    const size = this.size;
    this.full = [];
    this.fullBytes = 0;
    this.from = this.used;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
  }

  /** Drops what was not taken. */
  clear(): void {
    this.full = [];
    this.fullBytes = 0;
    this.from = this.used;
  }
}
