/** The Stats tab: live CPU, memory, network and block IO with the last two minutes charted. */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import type { StatsSample } from '../../../contract/containers';
import type { ApiErrorShape } from '../../../contract/apiError';
import { formatBytes } from '../../common/format';
import { formatPercent } from './UsageCells';
import { StatsChart, type ChartSeries } from './StatsChart';

const KEEP = 120;
const CPU_SERIES: ChartSeries[] = [{ label: 'CPU', color: '#2563eb' }];
const MEM_SERIES: ChartSeries[] = [{ label: 'Memory', color: '#16a34a' }];
const NET_SERIES: ChartSeries[] = [
  { label: 'Received', color: '#7c3aed' },
  { label: 'Sent', color: '#d97706' },
];

/** Per-second rates from cumulative counters; zero for the first sample. */
function rate(samples: StatsSample[], pick: (s: StatsSample) => number): number[] {
  return samples.map((s, i) => {
    const prev = samples[i - 1];
    if (!prev) return 0;
    const dt = (s.time - prev.time) / 1000;
    return dt > 0 ? Math.max(0, (pick(s) - pick(prev)) / dt) : 0;
  });
}

function Figure({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="card stat-card">
      <div className="muted">{label}</div>
      <div className="big" data-testid={testId}>
        {value}
      </div>
      {detail && <div className="muted small-print">{detail}</div>}
    </div>
  );
}

export function StatsTab({ id, running }: { id: string; running: boolean }) {
  const [samples, setSamples] = useState<StatsSample[]>([]);
  const [error, setError] = useState<ApiErrorShape>();
  useEffect(() => {
    if (!running) return;
    setSamples([]);
    setError(undefined);
    const sub = api.containers.stats.subscribe(
      { id },
      {
        onEvent: (s) => setSamples((list) => [...list.slice(-(KEEP - 1)), s]),
        onEnd: (err) => setError(err),
      },
    );
    return () => sub.unsubscribe();
  }, [id, running]);

  const charts = useMemo(() => {
    const x = samples.map((s) => s.time / 1000);
    return {
      cpu: [x, samples.map((s) => s.cpuPercent ?? 0)],
      mem: [x, samples.map((s) => s.memoryUsage)],
      net: [x, rate(samples, (s) => s.networkRx), rate(samples, (s) => s.networkTx)],
    };
  }, [samples]);

  if (!running) return <p className="muted">The container is not running, so it uses no CPU or memory.</p>;
  const last = samples[samples.length - 1];
  if (!last) {
    // An engine that cannot measure (rootless on cgroup v1) says why and what would work: both are shown.
    const why = error ? [error.message, error.hint].filter(Boolean).join(' ') : 'Waiting for the first sample…';
    return <p className="muted">{why}</p>;
  }
  return (
    <div className="stats-tab" data-testid="stats-tab">
      <div className="cards">
        <Figure
          label="CPU"
          value={formatPercent(last.cpuPercent ?? 0)}
          detail={`of ${last.onlineCpus} CPU${last.onlineCpus > 1 ? 's' : ''} (100% = one core)`}
          testId="stats-cpu"
        />
        <Figure
          label="Memory"
          value={formatBytes(last.memoryUsage)}
          detail={`${formatPercent(last.memoryPercent)} of ${formatBytes(last.memoryLimit)}`}
          testId="stats-memory"
        />
        <Figure
          label="Network"
          value={`↓ ${formatBytes(last.networkRx)}`}
          detail={`↑ ${formatBytes(last.networkTx)} sent`}
          testId="stats-network"
        />
        <Figure
          label="Block IO"
          value={`${formatBytes(last.blockRead)} read`}
          detail={`${formatBytes(last.blockWrite)} written`}
          testId="stats-block"
        />
        <Figure label="Processes" value={String(last.pids)} testId="stats-pids" />
      </div>
      {error && <p className="bad-text">{error.message}</p>}
      <div className="stats-charts">
        <StatsChart title="CPU %" series={CPU_SERIES} data={charts.cpu} format={(v) => formatPercent(v)} minRange={1} />
        <StatsChart title="Memory" series={MEM_SERIES} data={charts.mem} format={formatBytes} minRange={1e6} />
        <StatsChart
          title="Network (per second)"
          series={NET_SERIES}
          data={charts.net}
          format={(v) => `${formatBytes(v)}/s`}
          minRange={1e3}
        />
      </div>
    </div>
  );
}
