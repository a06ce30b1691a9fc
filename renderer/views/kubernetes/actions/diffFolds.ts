/** Which lines of a diff to show: every change with a few unchanged lines around it, the rest folded. */
import type { DiffLine } from '../../../../contract/kubeActions';

const CONTEXT = 3;

export function visibleLines(diff: DiffLine[], context = CONTEXT): (DiffLine | { fold: number })[] {
  const near = new Set<number>();
  diff.forEach((l, i) => {
    if (l.op === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(diff.length - 1, i + context); k++) near.add(k);
  });
  const out: (DiffLine | { fold: number })[] = [];
  let folded = 0;
  diff.forEach((l, i) => {
    if (near.has(i)) {
      if (folded) out.push({ fold: folded });
      folded = 0;
      out.push(l);
    } else folded++;
  });
  if (folded) out.push({ fold: folded });
  return out;
}
