/** The drawn chips' geometry: as many per row as fit, rows as tall as the chips' CSS, hit testing; which lanes are drawn. */
import { describe, expect, it } from 'vitest';
import {
  chipAt,
  chipIndexAt,
  columnsFor,
  drawsLane,
  heightFor,
} from '../../../../../renderer/views/kubernetes/chipGrid';

describe('chip grid', () => {
  it('fits 18 px chips with 4 px gaps in a row, one at least', () => {
    expect(columnsFor(18)).toBe(1);
    expect(columnsFor(39)).toBe(1);
    expect(columnsFor(40)).toBe(2);
    expect(columnsFor(216)).toBe(10);
    expect(columnsFor(0)).toBe(1);
  });

  it('is as tall as its rows, without a gap under the last', () => {
    expect(heightFor(0, 10)).toBe(0);
    expect(heightFor(1, 10)).toBe(18);
    expect(heightFor(10, 10)).toBe(18);
    expect(heightFor(11, 10)).toBe(40);
  });

  it('finds the chip under a point, and none in a gap or past the last chip', () => {
    expect(chipAt(12, 10)).toEqual({ x: 44, y: 22 });
    expect(chipIndexAt(44, 22, 10, 13)).toBe(12);
    expect(chipIndexAt(44 + 17.9, 22 + 17.9, 10, 13)).toBe(12);
    expect(chipIndexAt(44 + 18, 22, 10, 13)).toBe(-1); // the gap after it
    expect(chipIndexAt(66, 22, 10, 13)).toBe(-1); // where chip 13 would be: there are 13 (0–12)
    expect(chipIndexAt(220, 0, 10, 13)).toBe(-1); // past the last column
    expect(chipIndexAt(-1, 0, 10, 13)).toBe(-1);
  });

  it('draws a lane past 150 pods, and every lane of a map past 1,000, the pending lane of a few included', () => {
    expect(drawsLane(150, 150)).toBe(false);
    expect(drawsLane(151, 151)).toBe(true);
    expect(drawsLane(3, 1000)).toBe(false);
    expect(drawsLane(3, 1001)).toBe(true);
    expect(drawsLane(0, 10_000)).toBe(true);
  });
});
