/**
 * How soon a list asked again by events may go to the engine. A lone event after a quiet spell waits only
 * its short gathering time; in a burst (a `docker image prune`, 10,000 tags removed by a script) the next
 * list waits until twice what the last one cost has passed since it ended, so the engine spends at most a
 * third of its time answering that list again. At 10,000 tags `GET /images/json` costs the engine ~0.3 s:
 * without a pace, a list every 100 ms (and the status bar's count of the images every 250 ms) kept dockerd
 * at 135 % of a core while the tags went. Only a list that answered, on the link it was asked on, counts:
 * one that failed or hung on a stalled link says nothing of the engine's work, and the pause is at most
 * MAX_PAUSE_MS whatever a list cost; a reconnect starts afresh (`reset`).
 */

/** The longest a list's cost may hold the next one back. */
export const MAX_PAUSE_MS = 2_000;

export class RelistPace {
  private lastEnd = -Infinity;
  private lastCost = 0;

  constructor(
    /** The least wait after the first event, to gather the ones that follow. */
    private readonly gatherMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How long to wait, from now, before listing: at least the gathering time. */
  delay(): number {
    return Math.max(this.gatherMs, this.remaining());
  }

  /** What is left of the pause after the last list (0 when none is due): for a list already gathered. */
  remaining(): number {
    return Math.max(0, this.lastEnd + Math.min(2 * this.lastCost, MAX_PAUSE_MS) - this.now());
  }

  /**
   * Runs a list and notes what it cost — if it answered and `current()` still holds then (the link it was
   * asked on is still the one in use).
   */
  async time<T>(list: () => Promise<T>, current: () => boolean = () => true): Promise<T> {
    const start = this.now();
    const result = await list();
    if (current()) {
      this.lastEnd = this.now();
      this.lastCost = this.lastEnd - start;
    }
    return result;
  }

  /** Forgets the last list: the next goes after the gathering time alone (a reconnect, a list stopped). */
  reset(): void {
    this.lastEnd = -Infinity;
    this.lastCost = 0;
  }
}
