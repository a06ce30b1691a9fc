/**
 * A build's steps as they go: one row per step (BuildKit: each instruction of each stage and its own
 * internal steps; classic builder: "Step N/M"), its state — waiting, running, cached, done, failed,
 * cancelled — and how long it took. The failing step is marked.
 */
import type { TaskStep } from '../../../contract/tasks';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function took(step: TaskStep, now: number): string {
  if (step.startedAt === undefined) return '';
  if (step.status === 'cached') return '';
  return seconds((step.endedAt ?? now) - step.startedAt);
}

export function BuildSteps({ steps }: { steps: TaskStep[] }) {
  if (!steps.length) return null;
  const now = Date.now();
  return (
    <ol className="build-steps" data-testid="build-steps">
      {steps.map((s) => (
        <li
          key={s.id}
          className={`build-step ${s.status}`}
          data-status={s.status}
          aria-current={s.status === 'running' ? 'step' : undefined}
        >
          <span className={`build-step-state ${s.status}`}>{s.status}</span>
          <span className="mono build-step-label" title={s.label}>
            {s.label}
          </span>
          <span className="muted build-step-time">{took(s, now)}</span>
        </li>
      ))}
    </ol>
  );
}
