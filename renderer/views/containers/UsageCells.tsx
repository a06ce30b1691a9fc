/** CPU and memory cells of the containers table, fed by live stats while the row is on screen. */
import type { ContainerSummary } from '../../../contract/containers';
import { formatBytes } from '../../common/format';
import { useLiveStats } from './liveStats';

export const formatPercent = (n: number | null | undefined): string =>
  n === null || n === undefined || !Number.isFinite(n) ? '—' : `${n < 10 ? n.toFixed(1) : Math.round(n)}%`;

export function CpuCell({ c }: { c: ContainerSummary }) {
  const sample = useLiveStats(c.id, c.state === 'running');
  if (c.state !== 'running') return <span className="muted">—</span>;
  return (
    <span className="mono" data-testid="container-cpu">
      {sample ? formatPercent(sample.cpuPercent ?? 0) : '…'}
    </span>
  );
}

export function MemoryCell({ c }: { c: ContainerSummary }) {
  const sample = useLiveStats(c.id, c.state === 'running');
  if (c.state !== 'running') return <span className="muted">—</span>;
  return (
    <span
      className="mono"
      data-testid="container-memory"
      title={sample ? `${formatPercent(sample.memoryPercent)} of ${formatBytes(sample.memoryLimit)}` : undefined}
    >
      {sample ? formatBytes(sample.memoryUsage) : '…'}
    </span>
  );
}
