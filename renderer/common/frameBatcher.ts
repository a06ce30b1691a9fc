/**
 * Hands changes to `deliver` at most once a frame. The first change after a quiet frame goes at once (so a
 * single event shows without delay); changes that follow within the same frame wait and go together at the
 * next animation frame. A hidden page gets no animation frames, so a timer stands in after 100 ms: changes
 * never pile up unbounded while the window is in the background.
 */
export interface FrameBatcher<E> {
  push(change: E): void;
  /** Forgets the changes still waiting (a snapshot replaced them, or nobody is looking any more). */
  drop(): void;
}

const FRAME_MS = 16;
const HIDDEN_FALLBACK_MS = 100;

export function frameBatcher<E>(
  deliver: (changes: E[]) => void,
  now: () => number = () => performance.now(),
): FrameBatcher<E> {
  let waiting: E[] = [];
  let frame: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastDelivery = -Infinity;

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
    lastDelivery = now();
    if (changes.length > 0) deliver(changes);
  };
  const scheduled = () => frame !== undefined || timer !== undefined;

  return {
    push(change) {
      waiting.push(change);
      if (scheduled()) return;
      if (now() - lastDelivery >= FRAME_MS) return flush();
      if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(flush);
      timer = setTimeout(flush, frame === undefined ? FRAME_MS : HIDDEN_FALLBACK_MS);
    },
    drop() {
      cancel();
      waiting = [];
    },
  };
}
