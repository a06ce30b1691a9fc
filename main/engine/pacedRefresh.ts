/**
 * A value refreshed from the engine when events say it changed — the status bar's container and image
 * counts: a burst of asks is one refresh after a short gathering time; in a long burst the next waits twice
 * what the last cost after it (RelistPace); never two at once (an ask during a refresh is one more after
 * it). `restart` is for a new link: a refresh asked on the old one neither sets the value nor holds the
 * next, and the pace starts afresh.
 */
import { RelistPace } from './relistPace';

export class PacedRefresh<T> {
  private timer: NodeJS.Timeout | undefined;
  /** A refresh is in flight; `again`: asked meanwhile, so another follows it. */
  private busy = false;
  private again = false;
  /** Bumped by `restart` and `stop`: a refresh begun before belongs to a link no longer in use. */
  private run = 0;
  private stopped = false;
  private readonly pace: RelistPace;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly apply: (value: T) => void,
    gatherMs: number,
  ) {
    this.pace = new RelistPace(gatherMs);
  }

  /** Something changed: refresh, once for the burst. */
  ask(): void {
    if (this.stopped) return;
    if (this.busy) this.again = true;
    if (this.timer || this.busy) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.busy = true;
      const run = this.run;
      const current = () => run === this.run;
      this.pace
        .time(this.read, current)
        .then((value) => {
          if (current()) this.apply(value);
        })
        .catch(() => {})
        .finally(() => {
          if (!current()) return;
          this.busy = false;
          if (!this.again) return;
          this.again = false;
          this.ask();
        });
    }, this.pace.delay());
  }

  /** A new link: what was asked on the old one is let go, and a refresh goes after the gathering time. */
  restart(): void {
    this.cancel();
    this.stopped = false;
    this.pace.reset();
    this.ask();
  }

  /** No more refreshes (the connection is disposed); one in flight is not applied. */
  stop(): void {
    this.cancel();
    this.stopped = true;
  }

  private cancel(): void {
    this.run++;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.busy = false;
    this.again = false;
  }
}
