/** Small statistics over timing samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5);
export const p95 = (samples: readonly number[]): number => quantile(samples, 0.95);

/** Milliseconds since an arbitrary origin, with sub-millisecond resolution. */
export const now = (): number => performance.now();

/** Times one async call in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = now();
  const value = await fn();
  return { ms: now() - t0, value };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Least-squares slope of samples (t in ms, v in any unit), per minute. */
export function slopePerMinute(samples: ReadonlyArray<{ t: number; v: number }>): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mv = samples.reduce((a, s) => a + s.v, 0) / n;
  const cov = samples.reduce((a, s) => a + (s.t - mt) * (s.v - mv), 0);
  const vt = samples.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  return vt ? (cov / vt) * 60_000 : 0;
}

/**
 * Runs each method `reps` times, interleaved in rotating order after 2 warm-up rounds; each method's
 * timed samples (ms).
 */
export async function alternate(
  methods: Record<string, () => Promise<unknown>>,
  reps: number,
): Promise<(name: string) => number[]> {
  const names = Object.keys(methods);
  const samples = new Map(names.map((n) => [n, [] as number[]]));
  for (let round = 0; round < reps + 2; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length] as string;
      const t0 = now();
      await methods[name]?.();
      if (round >= 2) samples.get(name)?.push(now() - t0);
    }
  }
  return (name) => samples.get(name) ?? [];
}
