/**
 * The JSONPath subset CRDs' additionalPrinterColumns use, evaluated on an object: fields (`.status.phase`,
 * `.metadata.labels['app.kubernetes.io/name']`), indexes (`[0]`, `[-1]`), `[*]` and filters on a field
 * (`.status.conditions[?(@.type=="Ready")].status`). Like the API server's table printer, several results
 * are joined with commas and nothing found is an empty cell.
 */
import type { Cell } from './model';

type Step =
  | { field: string }
  | { index: number }
  | { all: true }
  | { filter: { path: string[]; op: '==' | '!='; value: string | number | boolean } };

const FILTER = /^\?\(@((?:\.[\w-]+)+)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(-?\d+(?:\.\d+)?)|(true|false))\)$/;

/** Parses a path; throws on what the subset does not cover (the caller shows the column as empty). */
export function parseJsonPath(path: string): Step[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1);
  if (p.startsWith('$')) p = p.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < p.length) {
    if (p[i] === '.') {
      const m = /^\.([\w-]+|\*)/.exec(p.slice(i));
      if (!m) throw new Error(`unsupported JSONPath at "${p.slice(i)}"`);
      steps.push(m[1] === '*' ? { all: true } : { field: m[1] as string });
      i += m[0].length;
    } else if (p[i] === '[') {
      const end = matchingBracket(p, i);
      const inner = p.slice(i + 1, end).trim();
      i = end + 1;
      const quoted = /^(?:'([^']*)'|"([^"]*)")$/.exec(inner);
      if (quoted) steps.push({ field: (quoted[1] ?? quoted[2]) as string });
      else if (inner === '*') steps.push({ all: true });
      else if (/^-?\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else {
        const f = FILTER.exec(inner);
        if (!f) throw new Error(`unsupported JSONPath expression [${inner}]`);
        const value = f[3] ?? f[4] ?? (f[5] !== undefined ? Number(f[5]) : f[6] !== undefined ? f[6] === 'true' : '');
        steps.push({ filter: { path: (f[1] as string).slice(1).split('.'), op: f[2] as '==' | '!=', value } });
      }
    } else throw new Error(`unsupported JSONPath at "${p.slice(i)}"`);
  }
  return steps;
}

function matchingBracket(p: string, open: number): number {
  let quote: string | undefined;
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    const c = p[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') return i;
    }
  }
  throw new Error('unclosed [ in JSONPath');
}

const fieldOf = (v: unknown, name: string): unknown =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[name] : undefined;

/** Every value the path reaches in `root`. */
export function evaluateJsonPath(root: unknown, path: string | Step[]): unknown[] {
  const steps = typeof path === 'string' ? parseJsonPath(path) : path;
  let values: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of values) {
      if ('field' in step) {
        const f = fieldOf(v, step.field);
        if (f !== undefined) next.push(f);
      } else if ('index' in step) {
        if (Array.isArray(v)) {
          const item = v[step.index < 0 ? v.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        }
      } else if ('all' in step) {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.values(v));
      } else if (Array.isArray(v)) {
        const { path: fp, op, value } = step.filter;
        for (const item of v) {
          const got = fp.reduce<unknown>((acc, k) => fieldOf(acc, k), item);
          if (op === '==' ? got === value : got !== undefined && got !== value) next.push(item);
        }
      }
    }
    values = next;
  }
  return values;
}

/** A printer column's cell: one value as is, several joined with commas, objects as JSON, nothing as null. */
export function jsonPathCell(root: unknown, path: string | Step[]): Cell {
  let values: unknown[];
  try {
    values = evaluateJsonPath(root, path);
  } catch {
    return null;
  }
  if (values.length === 0) return null;
  const one = (v: unknown): string | number =>
    typeof v === 'number' ? v : typeof v === 'string' ? v : typeof v === 'boolean' ? String(v) : JSON.stringify(v);
  if (values.length === 1) return one(values[0]);
  return values.map((v) => String(one(v))).join(',');
}
