/**
 * Real engine answers and CLI output recorded on this project's test machines (test/engines/record-responses.sh
 * and the build fixtures): Engine 20.10 (API 1.41) and Engine 29 (API 1.56, containerd image store).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskStep } from '../../contract/tasks';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export type EngineLine = 'v20.10' | 'v29';
export const RECORDED: EngineLine[] = ['v20.10', 'v29'];

/** A recorded response, e.g. recorded('v29', 'system-df'). */
export function recorded<T = unknown>(engine: EngineLine, name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, 'engine-responses', engine, `${name}.json`), 'utf8')) as T;
}

/** The lines of a recorded progress file (test/fixtures/progress/…). */
export const progressLines = (file: string): string[] =>
  readFileSync(join(FIXTURES, 'progress', file), 'utf8')
    .split('\n')
    .filter(Boolean);

export const fixtureText = (...path: string[]): string => readFileSync(join(FIXTURES, ...path), 'utf8');

/** A TaskHandle that keeps what a task reports, for unit tests. */
export function recordingTask() {
  const steps = new Map<string, TaskStep>();
  const log: string[] = [];
  const progress: Array<{ fraction?: number | null; message?: string }> = [];
  const controller = new AbortController();
  return {
    id: 'test-task',
    signal: controller.signal,
    controller,
    steps,
    log: (...lines: string[]) => void log.push(...lines),
    lines: log,
    progress: (u: { fraction?: number | null; message?: string }) => void progress.push(u),
    updates: progress,
    step: (s: TaskStep) => void steps.set(s.id, s),
  };
}
