/** Row slots: rows that stay on screen keep their element; rows that come on screen take the ones freed. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignSlots } from '../../../../renderer/components/rowSlots';

describe('assignSlots', () => {
  it('numbers a first screen of rows in order', () => {
    expect([...assignSlots(new Map(), ['a', 'b', 'c'])]).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
  });

  it('keeps the slot of a row that only moved, and gives a new row the slot of one that left', () => {
    const first = assignSlots(new Map(), ['a', 'b', 'c', 'd']);
    // "a" filtered out above: b, c, d move up and keep their elements; "e" comes on screen in a's.
    const next = assignSlots(first, ['b', 'c', 'd', 'e']);
    expect([...next]).toEqual([
      ['b', 1],
      ['c', 2],
      ['d', 3],
      ['e', 0],
    ]);
  });

  it('reuses every element, in the order they were on screen, when the whole screen is replaced', () => {
    const shuffled = new Map([
      ['c', 2],
      ['a', 0],
      ['b', 1],
    ]);
    // A filter keystroke: x, y, z take c's, a's and b's elements, so the elements keep their order.
    expect([...assignSlots(shuffled, ['x', 'y', 'z']).values()]).toEqual([2, 0, 1]);
    expect([...assignSlots(shuffled, ['x', 'y', 'z', 'w']).values()]).toEqual([2, 0, 1, 3]);
  });

  it('never gives two rows on screen the same slot', () => {
    const keys = fc.uniqueArray(fc.constantFrom(...'abcdefghijklmnop'), { maxLength: 12 });
    fc.assert(
      fc.property(fc.array(keys, { minLength: 1, maxLength: 6 }), (screens) => {
        let slots = new Map<string, number>();
        for (const screen of screens) {
          const next = assignSlots(slots, screen);
          expect(new Set(next.values()).size).toBe(screen.length);
          for (const key of screen) if (slots.has(key)) expect(next.get(key)).toBe(slots.get(key));
          slots = next;
        }
      }),
    );
  });
});
