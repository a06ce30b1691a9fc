/**
 * The renderer's log lines for one container: a ring of at most `capacity` lines, so a container that
 * prints a million lines costs the same memory as one that prints ten thousand. Each line keeps a
 * sequence number, so a virtualised list can key rows stably while old lines fall off the front.
 */
import type { LogLine } from '../../../contract/containers';

export interface BufferedLine extends LogLine {
  seq: number;
}

export const LOG_CAPACITY = 10_000;

export class LogBuffer {
  private ring: Array<BufferedLine | undefined>;
  private start = 0;
  private size = 0;
  private nextSeq = 0;
  /** Lines that fell off the front, plus lines main skipped. */
  dropped = 0;

  constructor(readonly capacity = LOG_CAPACITY) {
    this.ring = new Array<BufferedLine | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** How many lines were ever added (the next line's seq). */
  get total(): number {
    return this.nextSeq;
  }

  push(lines: readonly LogLine[], skippedUpstream = 0): void {
    this.dropped += skippedUpstream;
    // Only the last `capacity` lines of a huge batch can survive: skip the rest without copying.
    const from = Math.max(0, lines.length - this.capacity);
    this.dropped += from;
    this.nextSeq += from;
    for (let i = from; i < lines.length; i++) {
      const line = lines[i] as LogLine;
      const entry: BufferedLine = { ...line, seq: this.nextSeq++ };
      if (this.size < this.capacity) {
        this.ring[(this.start + this.size) % this.capacity] = entry;
        this.size++;
      } else {
        this.ring[this.start] = entry;
        this.start = (this.start + 1) % this.capacity;
        this.dropped++;
      }
    }
  }

  at(index: number): BufferedLine | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.ring[(this.start + index) % this.capacity];
  }

  toArray(): BufferedLine[] {
    const out: BufferedLine[] = [];
    for (let i = 0; i < this.size; i++) out.push(this.at(i) as BufferedLine);
    return out;
  }

  clear(): void {
    this.ring = new Array<BufferedLine | undefined>(this.capacity);
    this.start = 0;
    this.size = 0;
    this.dropped = 0;
  }
}
