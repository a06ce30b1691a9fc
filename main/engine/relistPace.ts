/**
 * How soon a list asked again by events may go to the engine. A lone event after a quiet spell waits only
 * its short gathering time; in a burst (a `docker image prune`, 10,000 tags removed by a script) the next
 * list waits until twice what the last one cost has passed since it ended, so the engine spends at most a
 * third of its time answering the same list again. At 10,000 tags `GET /images/json` costs the engine
 * ~0.3 s: without a pace, a list every 100 ms kept dockerd at 135 % of a core while the tags went.
 */
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
    return Math.max(0, this.lastEnd + 2 * this.lastCost - this.now());
  }

  /** Runs a list, noting what it cost (a failed one too: it cost the engine as much). */
  async time<T>(list: () => Promise<T>): Promise<T> {
    const start = this.now();
    try {
      return await list();
    } finally {
      this.lastEnd = this.now();
      this.lastCost = this.lastEnd - start;
    }
  }
}
