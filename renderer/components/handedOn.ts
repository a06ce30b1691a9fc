/**
 * What a search box (SearchBox, ViewHeader.tsx) handed on to its caller in transitions and the caller's value
 * has not caught up with yet: tells the box's own values arriving (transitions commit in order; React may
 * skip some in between) from one the caller set itself. Once every transition the box started has committed
 * (`settled`), none of its own can arrive any more: what is left is forgotten, so a value the caller sets
 * later is never taken for one of them (values that never arrived: the caller's value went back to where it
 * was, and so did not change).
 */
export interface HandedOn {
  /** A value handed on, in a transition. */
  sent(value: string): void;
  /** The caller's value is now `value`: true when it is one the box handed on (the box keeps its text). */
  arrived(value: string): boolean;
  /** Every transition the box started has committed. */
  settled(): void;
}

export function handedOn(): HandedOn {
  /** Oldest first. */
  let pending: string[] = [];
  return {
    sent: (value) => void pending.push(value),
    arrived(value) {
      const i = pending.indexOf(value);
      if (i < 0) {
        pending = [];
        return false;
      }
      pending.splice(0, i + 1);
      return true;
    },
    settled: () => void (pending = []),
  };
}
