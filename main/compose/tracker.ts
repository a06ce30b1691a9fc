/**
 * Feeds a compose command's output into a task: every line to its log, service progress to its steps, and
 * (Compose with `--progress json`) each BuildKit build step as a step of its own, as an image build shows it.
 */
import { BuildkitProgress, type SolveStatus } from '../common/buildkitProgress';
import type { TaskHandle } from '../tasks/taskManager';
import { fractionOf, progressOf, type ServiceProgress } from './progress';

export class StepTracker {
  private readonly state = new Map<string, ServiceProgress>();
  private readonly build = new BuildkitProgress();

  constructor(
    private readonly task: TaskHandle,
    private readonly project: string,
    private readonly services: readonly string[],
    /** Where this command sits in the whole task's progress, e.g. [0.1, 1]. */
    private readonly span: [number, number] = [0, 1],
  ) {}

  /** Shows every service as waiting before the command starts. */
  announce(status = 'waiting'): void {
    for (const service of this.services) this.set({ service, status, done: false, failed: false });
  }

  readonly onLine = (line: string): void => {
    this.task.log(line);
    const p = progressOf(line, this.project, this.services);
    if (p) this.set(p);
  };

  readonly onBuildStatus = (status: SolveStatus): void => {
    const { steps, log } = this.build.apply(status);
    for (const s of steps) this.task.step(s);
    if (log.length) this.task.log(...log);
  };

  /** Ends build steps left running (compose stopped or was cancelled). */
  endBuild(cancelled: boolean): void {
    for (const s of this.build.finish(cancelled)) this.task.step(s);
  }

  /** Marks every service that did not report an end as ended with `status`. */
  finish(status: string): void {
    for (const service of this.services) {
      const s = this.state.get(service);
      if (!s?.done) this.set({ service, status, done: true, failed: false });
    }
  }

  private set(p: ServiceProgress): void {
    this.state.set(p.service, p);
    this.task.step({ id: `service:${p.service}`, label: p.service, status: p.status, fraction: fractionOf(p) });
    const n = this.services.length || 1;
    const sum = [...this.state.values()].reduce((acc, s) => acc + fractionOf(s), 0);
    const [from, to] = this.span;
    this.task.progress({ fraction: from + (to - from) * Math.min(1, sum / n), message: `${p.service}: ${p.status}` });
  }
}
