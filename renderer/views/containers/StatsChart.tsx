/** A small uPlot line chart that follows its container's width. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  color: string;
}

interface Props {
  title: string;
  series: ChartSeries[];
  /** [x (seconds), ...one array per series]. */
  data: number[][];
  format(value: number): string;
  height?: number;
}

export function StatsChart({ title, series, data, format, height = 160 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const formatRef = useRef(format);
  formatRef.current = format;

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(max, 1e-9) * 1.1] } },
        axes: [
          { stroke: 'currentColor', grid: { stroke: 'rgba(128,128,128,0.15)' } },
          {
            stroke: 'currentColor',
            size: 70,
            grid: { stroke: 'rgba(128,128,128,0.15)' },
            values: (_u, ticks) => ticks.map((t) => formatRef.current(t)),
          },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 1.5,
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatRef.current(v)),
          })),
        ],
      },
      [[], ...series.map(() => [])],
      el,
    );
    plot.current = chart;
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(200, el.clientWidth), height }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.destroy();
      plot.current = null;
    };
  }, [series, height]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return (
    <figure className="stats-chart">
      <figcaption>{title}</figcaption>
      <div ref={host} />
    </figure>
  );
}
