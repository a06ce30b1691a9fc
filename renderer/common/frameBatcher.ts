/**
 * Hands changes to `deliver` at most once a frame. The first change after a quiet frame goes at once (so a
 * single event shows without delay); changes that follow within the same frame wait and go together at the
 * next animation frame. A hidden page gets no animation frames, so a timer stands in after 100 ms: changes
 * never pile up unbounded while the window is in the background.
 *
 * A delivery that costs much makes the next one wait longer (still delivered at the start of a frame): its
 * cost is the time from the delivery to the page's next task (the store's update and the render it causes
 * run before that), and changes then wait at least COST_FACTOR times that, at most MAX_WAIT_MS. A list of
 * a few hundred still updates every frame; the cluster map of 10,000 churning pods (15–40 ms a delivery on
 * a busy 2-core machine) updates a few times a second instead of every frame, leaving the page most of its
 * time — it was busy 50–65 % of it.
 */
export interface FrameBatcher<E> {
  push(change: E): void;
  /** Forgets the changes still waiting (a snapshot replaced them, or nobody is looking any more). */
  drop(): void;
}

const FRAME_MS = 16;
const HIDDEN_FALLBACK_MS = 100;
export const COST_FACTOR = 3;
export const MAX_WAIT_MS = 250;

export function frameBatcher<E>(
  deliver: (changes: E[]) => void,
  now: () => number = () => performance.now(),
): FrameBatcher<E> {
  let waiting: E[] = [];
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastDelivery = -Infinity;
  /** What the last delivery cost, in ms (measured at the page's next task). */
  let cost = 0;

  const cancel = () => {
    if (frame !== undefined) cancelAnimationFrame(frame);
    clearTimeout(timer);
    frame = undefined;
    timer = undefined;
  };
  const flush = () => {
    cancel();
    const changes = waiting;
    waiting = [];
    const start = now();
    lastDelivery = start;
    if (changes.length === 0) return;
    deliver(changes);
    setTimeout(() => (cost = now() - start), 0);
  };
  const scheduled = () => frame !== undefined || timer !== undefined;
  /** ms until changes may go: COST_FACTOR times the last delivery's cost (at most MAX_WAIT_MS), or `least`. */
  const left = (least: number) => Math.min(MAX_WAIT_MS, Math.max(least, COST_FACTOR * cost)) - (now() - lastDelivery);
  /** Changes go at the start of a frame (before its style, layout and paint): the first frame they may. */
  const onFrame = () => {
    frame = left(0) > FRAME_MS / 2 ? requestAnimationFrame(onFrame) : undefined;
    if (frame === undefined) flush();
  };

  return {
    push(change) {
      waiting.push(change);
      if (scheduled()) return;
      const wait = left(FRAME_MS);
      if (wait <= 0) return flush();
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(onFrame);
      // Without frames (a hidden page, or none at all), a timer.
      timer = setTimeout(flush, frame === undefined ? wait : Math.max(wait + 3 * FRAME_MS, HIDDEN_FALLBACK_MS));
    },
    drop() {
      cancel();
      waiting = [];
    },
  };
}
