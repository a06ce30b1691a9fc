/** Which rendered table rows count as in view: those in the viewport's range, none before the table is laid out. */
import { describe, expect, it } from 'vitest';
import { inRange } from '../../../../renderer/components/rowInView';

describe('rows in view', () => {
  it('are the rows of the viewport range, both ends included, not the overscan rows around it', () => {
    const range = { startIndex: 10, endIndex: 29 };
    expect([9, 10, 20, 29, 30].map((i) => inRange(i, range))).toEqual([false, true, true, true, false]);
  });

  it('are none while the table has no size yet', () => {
    expect(inRange(0, null)).toBe(false);
  });
});
