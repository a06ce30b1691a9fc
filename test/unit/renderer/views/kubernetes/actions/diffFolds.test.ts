/** A long diff shows its changes with a little context; the unchanged rest is folded and counted. */
import { describe, expect, it } from 'vitest';
import { visibleLines } from '../../../../../../renderer/views/kubernetes/actions/diffFolds';
import type { DiffLine } from '../../../../../../contract/kubeActions';

const same = (n: number): DiffLine => ({ op: 'same', text: `l${n}`, oldLine: n, newLine: n });

describe('diff folds', () => {
  it('keeps 3 lines around a change and folds the rest', () => {
    const diff: DiffLine[] = [
      ...Array.from({ length: 10 }, (_, i) => same(i + 1)),
      { op: 'add', text: 'new', newLine: 11 },
      ...Array.from({ length: 10 }, (_, i) => same(i + 11)),
    ];
    const shown = visibleLines(diff);
    expect(shown[0]).toEqual({ fold: 7 });
    expect(shown.filter((l) => 'op' in l)).toHaveLength(7);
    expect(shown.at(-1)).toEqual({ fold: 7 });
    expect(visibleLines([same(1)])).toEqual([{ fold: 1 }]);
  });
});
