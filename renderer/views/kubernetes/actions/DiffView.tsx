/** A line diff as the API server's dry-run or a conflict gives it: additions and removals, with a little context. */
import type { DiffLine } from '../../../../contract/kubeActions';
import { visibleLines } from './diffFolds';

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
