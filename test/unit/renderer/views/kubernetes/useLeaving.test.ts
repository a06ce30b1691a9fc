/** What left a live map between two of its versions: from the change's ids, or by a pass when they do not follow. */
import { describe, expect, it } from 'vitest';
import { goneBetween } from '../../../../../renderer/views/kubernetes/useLeaving';

const map = (...ids: string[]) => new Map(ids.map((id) => [id, { id }]));

describe('goneBetween', () => {
  it('reads only the ids the delta names when it follows the map before', () => {
    const before = map('a', 'b', 'c');
    const items = map('a', 'c', 'd');
    // 'b' is gone but not named: a delta that follows is trusted, nothing else is walked.
    expect(goneBetween(before, items, { from: before, ids: new Set(['d']) })).toEqual([]);
    expect(goneBetween(before, items, { from: before, ids: new Set(['b', 'd']) })).toEqual([['b', { id: 'b' }]]);
  });

  it('walks the map before when the delta is from another version, or absent', () => {
    const before = map('a', 'b', 'c');
    const items = map('c');
    const other = map('x');
    const gone = [
      ['a', { id: 'a' }],
      ['b', { id: 'b' }],
    ];
    expect(goneBetween(before, items, { from: other, ids: new Set(['d']) })).toEqual(gone);
    expect(goneBetween(before, items)).toEqual(gone);
  });

  it('keeps the item as it was before it left', () => {
    const before = new Map([['a', { id: 'a', phase: 'Running' }]]);
    expect(goneBetween(before, new Map(), { from: before, ids: new Set(['a']) })).toEqual([
      ['a', { id: 'a', phase: 'Running' }],
    ]);
  });
});
