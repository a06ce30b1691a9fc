/** One line of the bench's output: a Berth figure beside its baseline measured in the same run. */
export interface ResultRow {
  /** Which measurement (1..9) it belongs to, e.g. "1 list". */
  section: string;
  measurement: string;
  unit: string;
  /** Median (or the stated percentile) for Berth; null when not measured. */
  berth: number | null;
  baseline: number | null;
  /** What the baseline is, e.g. "raw Engine API", "docker ps -a". */
  baselineLabel: string;
  /** berth / baseline. */
  ratio: number | null;
  goal: string;
  /** Whether the goal was met; null when there is no goal or nothing was measured. */
  met: boolean | null;
  samples?: number;
  note?: string;
}

export interface RowInput {
  section: string;
  measurement: string;
  unit?: string;
  berth: number;
  baseline: number | null;
  baselineLabel: string;
  goal?: string;
  /** Decides `met` from the figures; omitted when the row only informs. */
  check?: (berth: number, baseline: number | null, ratio: number | null) => boolean;
  samples?: number;
  note?: string;
}

export function row(input: RowInput): ResultRow {
  const ratio = input.baseline ? input.berth / input.baseline : null;
  return {
    section: input.section,
    measurement: input.measurement,
    unit: input.unit ?? 'ms',
    berth: input.berth,
    baseline: input.baseline,
    baselineLabel: input.baselineLabel,
    ratio,
    goal: input.goal ?? '',
    met: input.check ? input.check(input.berth, input.baseline, ratio) : null,
    samples: input.samples,
    note: input.note,
  };
}

export const notMeasured = (section: string, measurement: string, reason: string, goal = ''): ResultRow => ({
  section,
  measurement,
  unit: '',
  berth: null,
  baseline: null,
  baselineLabel: '',
  ratio: null,
  goal,
  met: null,
  note: `not measured: ${reason}`,
});
