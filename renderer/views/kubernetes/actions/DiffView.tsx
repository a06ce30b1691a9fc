/** A line diff as the API server's dry-run or a conflict gives it: additions and removals, with a little context. */
import type { DiffLine } from '../../../../contract/kubeActions';

const CONTEXT = 3;

/** The lines to show: every change with up to CONTEXT unchanged lines around it; the rest folded. */
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

export function DiffView({ diff, testId }: { diff: DiffLine[]; testId?: string }) {
  const lines = visibleLines(diff);
  if (!diff.some((l) => l.op !== 'same')) return <p className="muted">No changes.</p>;
  return (
    <pre className="yaml-diff mono" data-testid={testId}>
      {lines.map((l, i) =>
        'fold' in l ? (
          <div key={i} className="diff-fold">
            ⋯ {l.fold} unchanged line{l.fold === 1 ? '' : 's'}
          </div>
        ) : (
          <div key={i} className={`diff-${l.op}`}>
            {l.op === 'add' ? '+ ' : l.op === 'remove' ? '- ' : '  '}
            {l.text}
          </div>
        ),
      )}
    </pre>
  );
}
