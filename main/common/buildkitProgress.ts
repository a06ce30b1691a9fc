/**
 * Reads BuildKit's progress as `docker buildx build --progress rawjson` prints it (one SolveStatus per line,
 * also wrapped in Compose v5's `--progress json`): vertices (the build's steps, each with started/completed
 * times, `cached` and `error`), statuses (transfers and exports inside a step) and logs (a step's output,
 * base64). It keeps one task step per vertex — waiting, running, cached, done, failed or cancelled, with its
 * times — the output of each (bounded) to mark the failing one, and log lines in the shape of
 * `--progress plain` (`#3 [build 2/3] RUN …`, `#3 0.412 output`, `#3 DONE 0.4s`).
 */
import type { TaskStep } from '../../contract/tasks';

/** One line of rawjson: github.com/moby/buildkit/client.SolveStatus as JSON. */
export interface SolveStatus {
  vertexes?: Array<{
    digest: string;
    name?: string;
    started?: string;
    completed?: string;
    cached?: boolean;
    error?: string;
  }> | null;
  statuses?: Array<{
    id: string;
    vertex: string;
    current?: number;
    total?: number;
    completed?: string;
  }> | null;
  logs?: Array<{ vertex: string; stream?: number; data?: string }> | null;
  warnings?: Array<{ vertex?: string; short?: string; detail?: string[] | null }> | null;
}

export type StepState = 'waiting' | 'running' | 'cached' | 'done' | 'failed' | 'cancelled';

interface Vertex {
  /** Its number in the log, given when it starts (0 before). */
  n: number;
  digest: string;
  name: string;
  state: StepState;
  startedAt?: number;
  endedAt?: number;
  error?: string;
  /** The step's output, last lines. */
  output: string[];
  partial: Map<number, string>;
  transfers: Map<string, { current: number; total: number; done: boolean }>;
}

const OUTPUT_LINES = 200;

/** True for a line that is a SolveStatus (has one of its keys), so foreign JSON is not taken for one. */
export function isSolveStatus(value: unknown): value is SolveStatus {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.vertexes) || Array.isArray(v.statuses) || Array.isArray(v.logs) || Array.isArray(v.warnings);
}

const time = (s: string | undefined): number | undefined => {
  if (!s || s.startsWith('0001-')) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** A vertex name's parts: `[linux/amd64 build 2/3] RUN make` → stage `build`, `RUN make`. */
export function parseVertexName(name: string): { stage?: string; instruction: string } | undefined {
  const m = /^\[([^\]]*?)\s*(\d+)\/(\d+)\]\s+(.*)$/s.exec(name);
  if (!m) return undefined;
  const words = (m[1] ?? '').split(/\s+/).filter(Boolean);
  const stage = words.filter((w) => !w.includes('/')).pop();
  return { ...(stage ? { stage } : {}), instruction: m[4] ?? '' };
}

export class BuildkitProgress {
  private readonly vertices = new Map<string, Vertex>();
  private count = 0;

  /** Takes one SolveStatus; returns the steps it changed and the log lines it makes. */
  apply(status: SolveStatus): { steps: TaskStep[]; log: string[] } {
    const changed = new Set<Vertex>();
    const log: string[] = [];
    for (const v of status.vertexes ?? []) {
      const x = this.vertex(v.digest, v.name);
      const before = x.state;
      const started = time(v.started);
      const completed = time(v.completed);
      if (started !== undefined && (x.startedAt === undefined || started < x.startedAt)) x.startedAt = started;
      if (v.error) {
        x.state = 'failed';
        x.error = v.error;
        x.endedAt = completed ?? x.endedAt;
      } else if (v.cached) {
        x.state = completed !== undefined ? 'cached' : 'running';
        if (completed !== undefined) x.endedAt = completed;
      } else if (completed !== undefined) {
        x.state = 'done';
        x.endedAt = completed;
      } else if (started !== undefined) {
        x.state = 'running';
        x.endedAt = undefined;
      }
      if (x.state !== 'waiting' && !x.n) {
        // Numbered as they start, like --progress plain.
        x.n = ++this.count;
        log.push(`#${x.n} ${x.name}`);
      }
      if (x.state !== before || v.error) {
        changed.add(x);
        const took = x.startedAt !== undefined && x.endedAt !== undefined ? x.endedAt - x.startedAt : undefined;
        if (x.state === 'cached') log.push(`#${x.n} CACHED`);
        if (x.state === 'done') log.push(`#${x.n} DONE${took !== undefined ? ` ${seconds(took)}` : ''}`);
        if (x.state === 'failed') log.push(`#${x.n} ERROR: ${x.error ?? 'failed'}`);
      }
    }
    for (const s of status.statuses ?? []) {
      const x = this.vertices.get(s.vertex);
      if (!x) continue;
      const t = x.transfers.get(s.id) ?? { current: 0, total: 0, done: false };
      t.current = s.current ?? t.current;
      t.total = s.total ?? t.total;
      if (s.completed && !t.done) {
        t.done = true;
        log.push(`#${x.n} ${s.id} done`);
      }
      x.transfers.set(s.id, t);
      if (x.state === 'running') changed.add(x);
    }
    for (const l of status.logs ?? []) {
      const x = this.vertices.get(l.vertex);
      if (!x || !l.data) continue;
      const stream = l.stream ?? 1;
      const text = (x.partial.get(stream) ?? '') + Buffer.from(l.data, 'base64').toString('utf8');
      const lines = text.split(/\r?\n/);
      x.partial.set(stream, lines.pop() ?? '');
      for (const line of lines) this.output(x, line, log);
    }
    for (const w of status.warnings ?? []) {
      const short = w.short ? Buffer.from(w.short, 'base64').toString('utf8') : '';
      if (short) log.push(`WARNING: ${short}`);
    }
    return { steps: [...changed].map((x) => this.stepOf(x)), log };
  }

  /** Every step so far, in the order they started (those not started yet last). */
  get steps(): TaskStep[] {
    const order = (x: Vertex) => x.n || Number.MAX_SAFE_INTEGER;
    return [...this.vertices.values()].sort((a, b) => order(a) - order(b)).map((x) => this.stepOf(x));
  }

  /** Finished steps over all known steps; null before the first. */
  get fraction(): number | null {
    const all = [...this.vertices.values()];
    if (all.length === 0) return null;
    return all.filter((x) => x.state === 'done' || x.state === 'cached' || x.state === 'failed').length / all.length;
  }

  /** The step now running that started last, for the task's message. */
  get current(): string | undefined {
    const running = [...this.vertices.values()].filter((x) => x.state === 'running');
    return running.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))[0]?.name;
  }

  /** The first step that failed, with its output. */
  get failure(): { name: string; error: string; output: string[] } | undefined {
    const x = [...this.vertices.values()].find((v) => v.state === 'failed');
    if (!x) return undefined;
    const rest = [...x.partial.values()].filter(Boolean);
    return { name: x.name, error: x.error ?? '', output: [...x.output, ...rest].slice(-OUTPUT_LINES) };
  }

  /**
   * Ends the steps still running: cancelled. After a cancel also those waiting, and those BuildKit failed
   * only because the build was cancelled ("context canceled").
   */
  finish(cancelled: boolean): TaskStep[] {
    const out: TaskStep[] = [];
    for (const x of this.vertices.values()) {
      const stopped = x.state === 'failed' && /cancel/i.test(x.error ?? '');
      if (x.state !== 'running' && !(cancelled && (x.state === 'waiting' || stopped))) continue;
      x.state = 'cancelled';
      out.push(this.stepOf(x));
    }
    return out;
  }

  private vertex(digest: string, name: string | undefined): Vertex {
    let x = this.vertices.get(digest);
    if (!x) {
      x = {
        n: 0,
        digest,
        name: name ?? digest,
        state: 'waiting',
        output: [],
        partial: new Map(),
        transfers: new Map(),
      };
      this.vertices.set(digest, x);
    } else if (name) {
      x.name = name;
    }
    return x;
  }

  private output(x: Vertex, line: string, log: string[]): void {
    x.output.push(line);
    if (x.output.length > OUTPUT_LINES * 2) x.output.splice(0, x.output.length - OUTPUT_LINES);
    log.push(`#${x.n} ${line}`);
  }

  private stepOf(x: Vertex): TaskStep {
    const step: TaskStep = { id: x.digest, label: x.name, status: x.state, fraction: this.stepFraction(x) };
    if (x.startedAt !== undefined) step.startedAt = x.startedAt;
    if (x.endedAt !== undefined && x.state !== 'running') step.endedAt = x.endedAt;
    return step;
  }

  private stepFraction(x: Vertex): number | null {
    if (x.state === 'done' || x.state === 'cached') return 1;
    if (x.state !== 'running') return null;
    const sized = [...x.transfers.values()].filter((t) => t.total > 0);
    if (!sized.length) return null;
    const total = sized.reduce((s, t) => s + t.total, 0);
    return Math.min(1, sized.reduce((s, t) => s + Math.min(t.current, t.total), 0) / total);
  }
}
