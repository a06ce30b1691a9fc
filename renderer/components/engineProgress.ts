/**
 * What the status bar says while Berth is still trying to reach the engine: how long it has been trying
 * (from the state's tryingSince) and when the next attempt comes (its retryAt), worded from the time now.
 * Kept apart from the component so the wording is checked without a page.
 */
import type { EngineState } from '../../contract/system';

/** A wait in words: "4 s", "1 min 5 s", "2 h 3 min". */
export function formatWait(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export interface EngineProgress {
  /** How long Berth has been trying ("12 s"); none in the first second or when the state does not say. */
  tryingFor?: string;
  /** "Retrying in 8 s", or "Trying again…" once that moment has come; none when Berth waits for the user. */
  nextTry?: string;
}

export function engineProgress(engine: Pick<EngineState, 'tryingSince' | 'retryAt'>, now: number): EngineProgress {
  const progress: EngineProgress = {};
  if (engine.tryingSince !== undefined && now - engine.tryingSince >= 1000) {
    progress.tryingFor = formatWait(now - engine.tryingSince);
  }
  if (engine.retryAt !== undefined) {
    const left = engine.retryAt - now;
    // Rounded up: a pause of 8 s reads "Retrying in 8 s" when it is announced, and never "in 0 s".
    progress.nextTry = left > 0 ? `Retrying in ${formatWait(Math.ceil(left / 1000) * 1000)}` : 'Trying again…';
  }
  return progress;
}
