/**
 * Gathers log lines and hands them on in batches, at most every `intervalMs`. The queue is bounded: when
 * lines arrive faster than they are delivered the oldest are dropped and counted, so a container printing
 * a million lines a second costs bounded memory and the subscriber learns how many it missed.
 */
import type { LogLine, LogsEvent } from '../../contract/containers';

export interface LogBatcherOptions {
  maxQueued: number;
  maxBatch: number;
  intervalMs: number;
}

export const DEFAULT_BATCHING: LogBatcherOptions = { maxQueued: 10_000, maxBatch: 2_000, intervalMs: 50 };

export class LogBatcher {
  private queue: LogLine[] = [];
  private dropped = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deliver: (event: LogsEvent) => void,
    private readonly options: LogBatcherOptions = DEFAULT_BATCHING,
  ) {}

  add(lines: LogLine[]): void {
    if (lines.length === 0) return;
    // Only the newest maxQueued lines of a huge batch can survive; count the rest without copying them
    // (and without spreading a million arguments onto the stack).
    const skip = Math.max(0, lines.length - this.options.maxQueued);
    this.dropped += skip;
    for (let i = skip; i < lines.length; i++) this.queue.push(lines[i] as LogLine);
    // Trimming costs a copy of the queue, so it happens once the queue is twice its bound (and before
    // each delivery), not on every small chunk of a fast log.
    if (this.queue.length > 2 * this.options.maxQueued) this.trim();
    this.schedule();
  }

  private trim(): void {
    const excess = this.queue.length - this.options.maxQueued;
    if (excess <= 0) return;
    this.queue.splice(0, excess);
    this.dropped += excess;
  }

  /** Delivers everything queued now, in batches of at most maxBatch lines. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.trim();
    while (this.queue.length || this.dropped) {
      const lines = this.queue.splice(0, this.options.maxBatch);
      this.deliver({ lines, dropped: this.dropped });
      this.dropped = 0;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.trim();
      const lines = this.queue.splice(0, this.options.maxBatch);
      this.deliver({ lines, dropped: this.dropped });
      this.dropped = 0;
      if (this.queue.length) this.schedule();
    }, this.options.intervalMs);
  }
}
