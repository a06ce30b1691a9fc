/** The line diff the YAML editor shows: both texts rebuild from it, and changes are where they are. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changes, lineDiff } from '../../../../../main/kube/edit/lineDiff';
import type { DiffLine } from '../../../../../contract/kubeActions';

const side = (diff: DiffLine[], op: 'remove' | 'add') =>
  diff
    .filter((l) => l.op === 'same' || l.op === op)
    .map((l) => l.text)
    .join('\n');

describe('line diff', () => {
  it('marks a changed line as removed then added, with line numbers on each side', () => {
    const diff = lineDiff('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 5\nc: 3\nd: 4\n');
    expect(diff).toEqual([
      { op: 'same', text: 'a: 1', oldLine: 1, newLine: 1 },
      { op: 'remove', text: 'b: 2', oldLine: 2 },
      { op: 'add', text: 'b: 5', newLine: 2 },
      { op: 'same', text: 'c: 3', oldLine: 3, newLine: 3 },
      { op: 'add', text: 'd: 4', newLine: 4 },
    ]);
    expect(changes(diff)).toBe(true);
    expect(changes(lineDiff('x\n', 'x\n'))).toBe(false);
  });

  it('rebuilds both texts and keeps a longest common subsequence (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const diff = lineDiff(a.join('\n'), b.join('\n'));
        const strip = (x: string[]) => x.join('\n');
        expect(side(diff, 'remove')).toBe(strip(linesOf(a)));
        expect(side(diff, 'add')).toBe(strip(linesOf(b)));
        expect(diff.filter((l) => l.op === 'same').length).toBe(lcsLength(linesOf(a), linesOf(b)));
      }),
    );
  });

  it('shows a middle too large to match as removed then added, still rebuilding both', () => {
    const a = Array.from({ length: 2500 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 2500 }, (_, i) => `b${i}`).join('\n');
    const diff = lineDiff(`head\n${a}\ntail`, `head\n${b}\ntail`);
    expect(diff[0]).toMatchObject({ op: 'same', text: 'head' });
    expect(diff.at(-1)).toMatchObject({ op: 'same', text: 'tail', oldLine: 2502, newLine: 2502 });
    expect(diff.filter((l) => l.op === 'remove')).toHaveLength(2500);
  });
});

/** How lineDiff reads a text: split on newlines, one trailing empty line dropped. */
function linesOf(parts: string[]): string[] {
  const text = parts.join('\n');
  if (text === '') return [];
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
}

function lcsLength(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  return t[0]![0]!;
}
