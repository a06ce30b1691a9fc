/**
 * Long operations (pull, push, build, compose up, cluster create) run as tasks: they report progress,
 * keep a bounded log, can be cancelled, and end succeeded, failed or cancelled. The task center shows them.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Task, TaskEvent, TaskStep } from '../../contract/tasks';
import { ApiError } from '../../contract/errors';
import { toApiError } from '../common/toApiError';

const LOG_LIMIT = 5000;
const UPDATE_INTERVAL_MS = 100;

export interface TaskHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(update: { fraction?: number | null; message?: string }): void;
  step(step: TaskStep): void;
  log(...lines: string[]): void;
}

export interface TaskSpec {
  kind: string;
  title: string;
  cancellable?: boolean;
}

interface Entry {
  task: Task;
  log: string[];
  controller: AbortController;
  done: Promise<Task>;
  timer?: NodeJS.Timeout;
  pendingLog: string[];
  /** When the last update went out (ms). */
  lastFlush: number;
}

export class TaskManager {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Starts a task and returns its id at once; `run` does the work and returns the task's result. */
  start(spec: TaskSpec, run: (task: TaskHandle) => Promise<unknown>): string {
    const id = randomUUID();
    const controller = new AbortController();
    const task: Task = {
      id,
      kind: spec.kind,
      title: spec.title,
      state: 'running',
      fraction: null,
      message: 'Starting…',
      steps: [],
      cancellable: spec.cancellable ?? true,
      startedAt: Date.now(),
    };
    const entry: Entry = { task, log: [], controller, pendingLog: [], done: Promise.resolve(task), lastFlush: 0 };
    this.entries.set(id, entry);
    const handle: TaskHandle = {
      id,
      signal: controller.signal,
      progress: (u) => {
        if (u.fraction !== undefined) task.fraction = u.fraction === null ? null : clamp(u.fraction);
        if (u.message !== undefined) task.message = u.message;
        this.scheduleUpdate(entry);
      },
      step: (s) => {
        const i = task.steps.findIndex((x) => x.id === s.id);
        if (i >= 0) task.steps[i] = s;
        else task.steps.push(s);
        this.scheduleUpdate(entry);
      },
      log: (...lines) => {
        entry.log.push(...lines);
        if (entry.log.length > LOG_LIMIT) entry.log.splice(0, entry.log.length - LOG_LIMIT);
        entry.pendingLog.push(...lines);
        this.scheduleUpdate(entry);
      },
    };
    this.emit({ type: 'update', task: { ...task } });
    entry.done = (async () => {
      try {
        const result = await run(handle);
        if (controller.signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
        task.state = 'succeeded';
        task.result = result;
        task.fraction = 1;
        if (task.message === 'Starting…' || !task.message) task.message = 'Done';
      } catch (e) {
        const error = controller.signal.aborted ? new ApiError('cancelled', 'Cancelled by the user.') : toApiError(e);
        task.state = error.code === 'cancelled' ? 'cancelled' : 'failed';
        task.error = error.toShape();
        task.message = error.message;
      }
      task.endedAt = Date.now();
      this.flush(entry);
      return { ...task };
    })();
    return id;
  }

  get(id: string): Task | undefined {
    const e = this.entries.get(id);
    return e ? { ...e.task } : undefined;
  }

  list(): Task[] {
    return [...this.entries.values()].map((e) => ({ ...e.task }));
  }

  cancel(id: string): boolean {
    const e = this.entries.get(id);
    if (!e || e.task.state !== 'running' || !e.task.cancellable) return false;
    e.controller.abort();
    return true;
  }

  async wait(id: string): Promise<Task> {
    const e = this.entries.get(id);
    if (!e) throw new ApiError('not_found', `No task ${id}.`);
    return e.done;
  }

  logOf(id: string): string[] {
    const e = this.entries.get(id);
    if (!e) throw new ApiError('not_found', `No task ${id}.`);
    return [...e.log];
  }

  clearFinished(): number {
    let n = 0;
    for (const [id, e] of this.entries) {
      if (e.task.state !== 'running') {
        this.entries.delete(id);
        n++;
      }
    }
    if (n) this.emit({ type: 'snapshot', tasks: this.list() });
    return n;
  }

  onEvent(listener: (event: TaskEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  cancelAll(): void {
    for (const e of this.entries.values()) if (e.task.state === 'running') e.controller.abort();
  }

  private emit(event: TaskEvent): void {
    this.emitter.emit('event', event);
  }

  /** Sends a change at once when nothing was sent lately, else gathers changes for up to 100 ms. */
  private scheduleUpdate(entry: Entry): void {
    if (entry.timer) return;
    const wait = entry.lastFlush + UPDATE_INTERVAL_MS - Date.now();
    if (wait <= 0) this.flush(entry);
    else entry.timer = setTimeout(() => this.flush(entry), wait);
  }

  private flush(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.lastFlush = Date.now();
    if (entry.pendingLog.length) {
      this.emit({ type: 'log', taskId: entry.task.id, lines: entry.pendingLog });
      entry.pendingLog = [];
    }
    this.emit({ type: 'update', task: { ...entry.task, steps: [...entry.task.steps] } });
  }
}

const clamp = (n: number) => Math.max(0, Math.min(1, n));
