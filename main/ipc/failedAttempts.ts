/**
 * Rate-limits guessing the web bridge's token: each client (by remote address) may fail `limit` times in a
 * sliding window; after that its requests are refused (429) without the token being compared, until the
 * oldest failure leaves the window. Only wrong tokens count, not a first visit without one.
 */
export interface FailedAttemptsOptions {
  limit?: number;
  windowMs?: number;
  now?: () => number;
}

export class FailedAttempts {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: FailedAttemptsOptions = {}) {
    this.limit = options.limit ?? 20;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  private recent(client: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(client) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(client, kept);
    else this.failures.delete(client);
    return kept;
  }

  /** Seconds until `client` may try again, or 0 when it may try now. */
  blockedFor(client: string): number {
    const recent = this.recent(client);
    if (recent.length < this.limit) return 0;
    const oldest = recent[recent.length - this.limit] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  record(client: string): void {
    const recent = this.recent(client);
    recent.push(this.now());
    // Keep memory bounded whatever a client sends.
    this.failures.set(client, recent.slice(-this.limit));
  }
}
