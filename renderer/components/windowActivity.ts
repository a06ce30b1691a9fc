/**
 * Whether anyone is using the window: it is active while visible and focused, and idle after a while
 * without pointer or key input. The timers that keep the screen current (the containers table's usage
 * poller, the clocks of "Up 5 seconds") pause while the window is inactive and the poller slows down while
 * it is idle; a clock that must keep counting beside another window (the status bar's "Retrying in 8 s")
 * pauses only while it is hidden. One set of listeners serves them all, attached on first use and kept
 * (they are cheap).
 */

/** No pointer or key input for this long: the window is idle. */
export const IDLE_AFTER_MS = 30_000;

export interface WindowActivity {
  /** The window is visible and focused. */
  active(): boolean;
  /** The window is visible (shown, focused or not). */
  visible(): boolean;
  /** Milliseconds since the last pointer or key input in the window (or since the page loaded). */
  idleFor(): number;
  /**
   * Calls `changed` when active() or visible() changes, and on the first input after IDLE_AFTER_MS without
   * any (the window is no longer idle). Returns the function that stops.
   */
  subscribe(changed: () => void): () => void;
}

/** What the activity is read from: the page's document and window, or fakes in unit tests. */
export interface ActivityTargets {
  document: EventTarget & { readonly visibilityState: DocumentVisibilityState };
  window: EventTarget;
}

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

export function createWindowActivity(targets: () => ActivityTargets, now: () => number = Date.now): WindowActivity {
  let env: ActivityTargets | undefined;
  // Assumed focused until told otherwise: a freshly opened window has focus, and a headless page never
  // sends focus events.
  let focused = true;
  let lastInput = now();
  let wasActive = true;
  let wasVisible = true;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of [...listeners]) l();
  };
  const isVisible = () => (env ?? attach()).document.visibilityState === 'visible';
  const isActive = () => isVisible() && focused;
  const activityChanged = () => {
    const active = isActive();
    const visible = isVisible();
    if (active === wasActive && visible === wasVisible) return;
    wasActive = active;
    wasVisible = visible;
    notify();
  };
  const onInput = () => {
    const t = now();
    const wasIdle = t - lastInput >= IDLE_AFTER_MS;
    lastInput = t;
    if (wasIdle) notify();
  };

  function attach(): ActivityTargets {
    const e = targets();
    env = e;
    e.document.addEventListener('visibilitychange', activityChanged);
    e.window.addEventListener('blur', () => ((focused = false), activityChanged()));
    e.window.addEventListener('focus', () => ((focused = true), activityChanged()));
    for (const type of INPUT_EVENTS) e.window.addEventListener(type, onInput, { capture: true, passive: true });
    wasVisible = e.document.visibilityState === 'visible';
    wasActive = wasVisible && focused;
    return e;
  }

  return {
    active: isActive,
    visible: isVisible,
    idleFor: () => now() - lastInput,
    subscribe(changed) {
      if (!env) attach();
      listeners.add(changed);
      return () => void listeners.delete(changed);
    },
  };
}

/** The page's activity. */
export const windowActivity: WindowActivity = createWindowActivity(() => ({ document, window }));
