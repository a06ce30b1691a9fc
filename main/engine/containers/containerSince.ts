/**
 * When a container's current state began, read back from the engine's status text ("Up 5 minutes",
 * "Exited (0) 3 hours ago") at the moment it was listed: the list call carries no timestamps, and one
 * inspect per container would cost a call per row. Docker rounds the same way its text does, so the
 * estimate is exact to the second for a container that started in the last minute and to the unit shown
 * beyond that; the renderer counts on from it, so "Up 5 seconds" does not stay "Up 5 seconds".
 */

/** docker's units.HumanDuration text ("Less than a second", "About a minute", "3 hours") in seconds. */
export function humanDurationSeconds(text: string): number | undefined {
  const t = text.trim();
  if (t === 'Less than a second') return 0;
  if (t === 'About a minute') return 60;
  if (t === 'About an hour') return 3600;
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(t);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = { second: 1, minute: 60, hour: 3600, day: 86400, week: 7 * 86400, month: 30 * 86400, year: 365 * 86400 };
  return n * unit[m[2] as keyof typeof unit];
}

/** The unit a duration text is rounded to, in seconds ("5 minutes" → 60). */
function unitSeconds(text: string): number {
  if (text === 'Less than a second' || /seconds?$/.test(text)) return 1;
  if (/minutes?$/.test(text)) return 60;
  if (/hours?$/.test(text)) return 3600;
  return 86400;
}

/** The status's state word, its duration text and what follows ("(healthy)"), when it has a duration. */
const STATUS = /^(Up|Exited \(-?\d+\)|Restarting \(-?\d+\)) (.+?)( ago)?( \(.+\))?$/;

/** Epoch milliseconds when the state the status describes began, or undefined when it names no duration. */
export function statusSince(status: string, listedAt: number): number | undefined {
  const m = STATUS.exec(status.trim());
  if (!m?.[2]) return undefined;
  const seconds = humanDurationSeconds(m[2]);
  return seconds === undefined ? undefined : listedAt - seconds * 1000;
}

/**
 * A container listed again: the start time read earlier is kept while the new status still agrees with it
 * (same state, within the new text's rounding), so an estimate made at "Up 5 seconds" is not replaced by a
 * coarser one made at "Up 5 minutes", and an unchanged container stays unchanged.
 */
export function keepSince<C extends { state: string; status: string; since?: number }>(previous: C, next: C): C {
  if (previous.since === undefined || next.since === undefined || previous.state !== next.state) return next;
  const m = STATUS.exec(next.status.trim());
  const unit = m?.[2] ? unitSeconds(m[2]) : 0;
  return Math.abs(next.since - previous.since) < unit * 1000 + 1000 ? { ...next, since: previous.since } : next;
}
