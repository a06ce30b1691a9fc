/**
 * Long operations (pull, push, build, compose up, cluster create) run as tasks: they report progress,
 * keep a bounded log, can be cancelled, and end succeeded, failed or cancelled. The task center shows them.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Task, TaskEvent, TaskKind, TaskResult, TaskStep } from '../../contract/tasks';
import { ApiError } from '../../contract/errors';
import { toApiError } from '../common/toApiError';
import type { JournalEntry, TaskJournal } from './taskJournal';
import { endLeftProcesses, leftProcess, type LeftProcess } from './leftProcesses';

const LOG_LIMIT = 5000;
const UPDATE_INTERVAL_MS = 100;

export interface TaskHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(update: { fraction?: number | null; message?: string }): void;
  step(step: TaskStep): void;
  log(...lines: string[]): void;
  /**
   * A CLI this task runs in its own process group (`command`: its command line as started), journaled so that
   * the next start ends it if Berth is killed meanwhile; the returned function says it ended.
   */
  runs(pid: number, command: string[]): () => void;
}

export interface TaskSpec<K extends TaskKind> {
  kind: K;
  title: string;
  cancellable?: boolean;
  /**
   * What the user can do if Berth is killed while this runs (what the task may leave half-made and how to
   * remove it): the interrupted task's hint after the next start, instead of the generic one.
   */
  interruptedHint?: string;
}

/** A task while it runs: the contract's Task, its result not yet tied to its kind. */
type RunningTask = Omit<Task, 'kind' | 'result'> & { kind: TaskKind; result?: unknown };
/** A copy to send: the kind and its result were paired by `start`'s signature. */
const snapshot = (task: RunningTask, more: Partial<RunningTask> = {}): Task => ({ ...task, ...more }) as Task;

interface Entry {
  task: RunningTask;
  log: string[];
  controller: AbortController;
  done: Promise<Task>;
  timer?: NodeJS.Timeout;
  pendingLog: string[];
  /** When the last update went out (ms). */
  lastFlush: number;
}

export const INTERRUPTED = 'Interrupted: Berth was stopped while this was running.';
export const INTERRUPTED_HINT =
  'The lists show what the engine or cluster really has now; run it again, or clean up what was left half-made.';

export class TaskManager {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new EventEmitter();

  /** With a journal, tasks a killed or crashed Berth left running are listed as interrupted. */
  constructor(private readonly journal?: TaskJournal) {
    this.emitter.setMaxListeners(0);
    for (const left of journal?.takeInterrupted() ?? []) {
      const task: RunningTask = {
        id: left.id,
        kind: left.kind,
        title: left.title,
        state: 'failed',
        fraction: null,
        message: INTERRUPTED,
        steps: [],
        cancellable: false,
        startedAt: left.startedAt,
        endedAt: left.startedAt,
        error: { code: 'failed', message: INTERRUPTED, hint: left.interruptedHint ?? INTERRUPTED_HINT },
      };
      const done = Promise.resolve(snapshot(task));
      const entry: Entry = {
        task,
        log: [INTERRUPTED],
        controller: new AbortController(),
        done,
        pendingLog: [],
        lastFlush: 0,
      };
      this.entries.set(left.id, entry);
      if (left.processes?.length) {
        void endLeftProcesses(left.processes).then((said) => said.length && entry.log.push(...said));
      }
    }
  }

  /** Starts a task and returns its id at once; `run` does the work and returns the result its kind ends with. */
  start<K extends TaskKind>(spec: TaskSpec<K>, run: (task: TaskHandle) => Promise<TaskResult<K>>): string {
    const id = randomUUID();
    const controller = new AbortController();
    const task: RunningTask = {
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
    const entry: Entry = {
      task,
      log: [],
      controller,
      pendingLog: [],
      done: Promise.resolve(snapshot(task)),
      lastFlush: 0,
    };
    this.entries.set(id, entry);
    const journaled: JournalEntry = {
      id,
      kind: spec.kind,
      title: spec.title,
      startedAt: task.startedAt,
      ...(spec.interruptedHint ? { interruptedHint: spec.interruptedHint } : {}),
    };
    this.journal?.started(journaled);
    const processes = new Map<number, LeftProcess>();
    const journalProcesses = () => {
      const list = [...processes.values()];
      this.journal?.changed({ ...journaled, ...(list.length ? { processes: list } : {}) });
    };
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
      runs: (pid, command) => {
        processes.set(pid, leftProcess(pid, command));
        journalProcesses();
        return () => {
          if (processes.delete(pid)) journalProcesses();
        };
      },
    };
    this.emit({ type: 'update', task: snapshot(task) });
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
      this.journal?.ended(id);
      this.flush(entry);
      return snapshot(task);
    })();
    return id;
  }

  get(id: string): Task | undefined {
    const e = this.entries.get(id);
    return e ? snapshot(e.task) : undefined;
  }

  list(): Task[] {
    return [...this.entries.values()].map((e) => snapshot(e.task));
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
    this.emit({ type: 'update', task: snapshot(entry.task, { steps: [...entry.task.steps] }) });
  }
}

const clamp = (n: number) => Math.max(0, Math.min(1, n));
