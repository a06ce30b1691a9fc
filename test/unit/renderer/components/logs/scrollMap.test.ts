/** Placing a log of any length in a scroll box: natural below the browser's limit, scaled above it. */
import { describe, expect, it } from 'vitest';
import { MAX_SCROLL_PX, scrollMap } from '../../../../../renderer/components/logs/scrollMap';

describe('scroll map', () => {
  it('is one row per line while the log fits', () => {
    const m = scrollMap(1000, 18, 180);
    expect(m.height).toBe(18_000);
    expect(m.lineAt(1800)).toBe(100);
    expect(m.scrollFor(100)).toBe(1800);
    expect(m.scrollFor(10_000)).toBe(18_000 - 180); // clamped at the end
    expect(m.lineAt(1e9)).toBe(990);
  });

  it('scales past the limit so the first, middle and last lines are all reachable', () => {
    const count = 100_000_000;
    const m = scrollMap(count, 18, 900);
    expect(m.height).toBe(MAX_SCROLL_PX);
    const end = MAX_SCROLL_PX - 900;
    expect(m.lineAt(0)).toBe(0);
    expect(m.lineAt(end)).toBe(count - 50);
    expect(Math.round(m.lineAt(m.scrollFor(50_000_000)))).toBe(50_000_000);
    expect(m.scrollFor(count)).toBe(end);
  });
});
