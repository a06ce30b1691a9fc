/**
 * Compose's `--progress json` (Compose v2.3x+ and v5): one JSON object per line — a resource event
 * (`{"id":"Container app-web-1","status":"Done","text":"Started"}`), an error (`{"error":true,"message":…}`),
 * or, while building, BuildKit's own SolveStatus lines. Events and errors become the text lines the
 * progress reader and the failure reader already know (v2's "Container app-web-1 Started", "ERROR: …");
 * SolveStatus lines are handed over as they are, for per-step build progress.
 */
import { isSolveStatus, type SolveStatus } from '../common/buildkitProgress';

export type Decoded = { kind: 'text'; lines: string[] } | { kind: 'build'; status: SolveStatus };

interface ComposeEvent {
  id?: string;
  status?: string;
  text?: string;
  details?: string;
  error?: boolean;
  message?: string;
}

/** One output line; undefined when it is not JSON (then it is read as text). */
export function decodeComposeJson(line: string): Decoded | undefined {
  if (!line.startsWith('{')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (isSolveStatus(value)) return { kind: 'build', status: value };
  const e = value as ComposeEvent;
  if (e.error === true || (e.message !== undefined && e.id === undefined)) {
    const lines = (e.message ?? 'compose failed')
      .split('\n')
      .map((l) => l.trimEnd())
      .filter((l) => l.trim());
    const last = lines.pop() ?? 'compose failed';
    return { kind: 'text', lines: [...lines, /^error\b/i.test(last) ? last : `ERROR: ${last}`] };
  }
  if (typeof e.id !== 'string') return { kind: 'text', lines: [line] };
  // `service:web:1` names a service's replica before its container exists.
  const service = /^service:([^:]+)(?::\d+)?$/.exec(e.id);
  const subject = service ? `Service ${service[1]}` : e.id;
  const detail = e.details ? ` (${e.details})` : '';
  if (e.status === 'Error') return { kind: 'text', lines: [`${subject} Error: ${e.text ?? ''}${detail}`.trimEnd()] };
  return { kind: 'text', lines: [`${subject} ${e.text ?? e.status ?? ''}${detail}`.trimEnd()] };
}
