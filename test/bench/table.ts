/** Prints the results as a plain text table. */
import type { ResultRow } from './result';

const fmt = (n: number | null, unit: string): string => {
  if (n === null || Number.isNaN(n)) return '—';
  const a = Math.abs(n);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : a >= 0.1 || a === 0 ? 2 : 3;
  return `${n.toFixed(digits)}${unit ? ` ${unit}` : ''}`;
};

const metText = (met: boolean | null): string => (met === null ? '' : met ? 'yes' : 'NO');

export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['#', 'measurement', 'Berth', 'baseline', 'ratio', 'goal', 'met?'];
  const body = rows.map((r) => [
    r.section,
    r.measurement,
    r.berth === null ? (r.note ?? 'not measured') : fmt(r.berth, r.unit),
    r.baseline === null ? '' : `${fmt(r.baseline, r.unit)} (${r.baselineLabel})`,
    r.ratio === null ? '' : `${r.ratio.toFixed(2)}×`,
    r.goal,
    metText(r.met),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join(' │ ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  const notes = rows
    .filter((r) => r.berth !== null && r.note)
    .map((r) => `  ${r.section} ${r.measurement}: ${r.note ?? ''}`);
  return [line(header), rule, ...body.map(line), ...(notes.length ? ['', 'notes:', ...notes] : [])].join('\n');
}
