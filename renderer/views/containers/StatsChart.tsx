/**
 * A small uPlot line chart that follows its container's width. Axes take the theme's own text colour (a
 * canvas cannot resolve `currentColor`) and are redrawn when the theme changes; time ticks fall on whole
 * seconds and read as clock times; a flat series gets a range of at least `minRange`, and a tick label is
 * never printed twice.
 */
import { useEffect, useRef, useState } from 'react';
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
  /** The least top of the y axis, so a flat line near zero still has distinct ticks (e.g. 1 for %, 1 MiB). */
  minRange?: number;
  height?: number;
}

/** Whole-second steps for the time axis. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

const clock = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** The labels for ticks, each printed once: a repeat (ticks closer than the format shows) is left blank. */
export function distinctLabels(ticks: number[], format: (v: number) => string): string[] {
  const seen = new Set<string>();
  return ticks.map((t) => {
    const label = format(t);
    if (seen.has(label)) return '';
    seen.add(label);
    return label;
  });
}

/** Tick labels as drawn, also left on the element (data-x-labels, data-y-labels): a canvas has no text to read. */
function shown(el: HTMLElement, axis: 'x' | 'y', labels: string[]): string[] {
  el.dataset[`${axis}Labels`] = labels.join('|');
  return labels;
}

/** A key that changes whenever the page's theme does (the setting, or the system's scheme under "system"). */
function useThemeKey(): number {
  const [key, setKey] = useState(0);
  useEffect(() => {
    const bump = () => setKey((k) => k + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', bump);
    };
  }, []);
  return key;
}

export function StatsChart({ title, series, data, format, minRange = 1e-9, height = 160 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const formatRef = useRef(format);
  const dataRef = useRef(data);
  useEffect(() => {
    formatRef.current = format;
    dataRef.current = data;
  });
  const theme = useThemeKey();

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // The theme's muted text colour (.stats-chart-plot sets it), resolved: a canvas knows no CSS variables.
    const text = getComputedStyle(el).color;
    const grid = 'rgba(148, 163, 184, 0.25)';
    const chart = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { y: { range: (_u, _min, max) => [0, Math.max(max * 1.1, minRange)] } },
        axes: [
          {
            stroke: text,
            grid: { stroke: grid },
            ticks: { stroke: grid },
            space: 70,
            incrs: TIME_STEPS,
            values: (_u, ticks) => shown(el, 'x', ticks.map(clock)),
          },
          {
            stroke: text,
            size: 70,
            grid: { stroke: grid },
            ticks: { stroke: grid },
            values: (_u, ticks) => shown(el, 'y', distinctLabels(ticks, formatRef.current)),
          },
        ],
        series: [
          { value: (_u: uPlot, v: number | null) => (v === null ? '—' : clock(v)) },
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 1.5,
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : formatRef.current(v)),
          })),
        ],
      },
      dataRef.current as uPlot.AlignedData,
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
  }, [series, height, minRange, theme]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return (
    <figure className="stats-chart" data-testid="stats-chart">
      <figcaption>{title}</figcaption>
      <div ref={host} className="stats-chart-plot" />
    </figure>
  );
}
