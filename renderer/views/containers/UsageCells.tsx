/**
 * CPU and memory cells of the containers table, fed by the usage poller while the row is in view; each
 * re-renders only when the text it shows changed.
 */
import type { ContainerSummary } from '../../../contract/containers';
import { useLiveUsage } from './liveStats';

export { formatPercent } from './liveStats';

export function CpuCell({ c }: { c: ContainerSummary }) {
  const cpu = useLiveUsage(c.id, c.state === 'running', 'cpu');
  if (c.state !== 'running') return <span className="muted">—</span>;
  return (
    <span className="mono" data-testid="container-cpu">
      {cpu ?? '…'}
    </span>
  );
}

export function MemoryCell({ c }: { c: ContainerSummary }) {
  const memory = useLiveUsage(c.id, c.state === 'running', 'memory');
  if (c.state !== 'running') return <span className="muted">—</span>;
  return (
    <span className="mono" data-testid="container-memory" title={memory?.title}>
      {memory?.text ?? '…'}
    </span>
  );
}
