/**
 * The status bar's words while the engine is not connected: how long Berth has been trying (from
 * tryingSince) and the countdown to the next attempt (to retryAt), at given moments.
 */
import { describe, expect, it } from 'vitest';
import { engineProgress, formatWait } from '../../../../renderer/components/engineProgress';

const T = 1_800_000_000_000;

describe('engine progress in the status bar', () => {
  it('words waits in seconds, minutes and hours', () => {
    expect(formatWait(0)).toBe('0 s');
    expect(formatWait(4_999)).toBe('4 s');
    expect(formatWait(60_000)).toBe('1 min');
    expect(formatWait(65_000)).toBe('1 min 5 s');
    expect(formatWait(2 * 3_600_000 + 3 * 60_000 + 9_000)).toBe('2 h 3 min');
    expect(formatWait(3_600_000)).toBe('1 h');
  });

  it('counts how long Berth has been trying, from the first second on', () => {
    expect(engineProgress({ tryingSince: T }, T + 400).tryingFor).toBeUndefined();
    expect(engineProgress({ tryingSince: T }, T + 4_200).tryingFor).toBe('4 s');
    expect(engineProgress({ tryingSince: T }, T + 95_000).tryingFor).toBe('1 min 35 s');
    expect(engineProgress({}, T).tryingFor).toBeUndefined();
  });

  it('counts down to the next attempt, rounding up, then says it is trying', () => {
    const retryAt = T + 8_000;
    expect(engineProgress({ retryAt }, T).nextTry).toBe('Retrying in 8 s');
    expect(engineProgress({ retryAt }, T + 100).nextTry).toBe('Retrying in 8 s');
    expect(engineProgress({ retryAt }, T + 1_000).nextTry).toBe('Retrying in 7 s');
    expect(engineProgress({ retryAt }, T + 7_999).nextTry).toBe('Retrying in 1 s');
    expect(engineProgress({ retryAt }, retryAt).nextTry).toBe('Trying again…');
    expect(engineProgress({ retryAt: T + 30_000 }, T).nextTry).toBe('Retrying in 30 s');
  });

  it('promises no next attempt when Berth waits for the user (a host key to trust)', () => {
    expect(engineProgress({ tryingSince: T }, T + 5_000)).toEqual({ tryingFor: '5 s' });
  });
});
