/** When a finished task deserves a desktop notification: it ran long and the user was looking elsewhere. */
import type { Task, TaskEvent } from '../../contract/tasks';

export const LONG_TASK_MS = 10_000;

export interface TaskNotice {
  title: string;
  body: string;
}

/** The notice for a task update, or undefined when it should stay quiet. */
export function noticeFor(event: TaskEvent, windowFocused: boolean, minMs = LONG_TASK_MS): TaskNotice | undefined {
  if (event.type !== 'update' || windowFocused) return undefined;
  const task: Task = event.task;
  if (task.state === 'running' || task.endedAt === undefined) return undefined;
  if (task.endedAt - task.startedAt < minMs) return undefined;
  const took = formatDuration(task.endedAt - task.startedAt);
  switch (task.state) {
    case 'succeeded':
      return { title: `${task.title} finished`, body: `Done in ${took}.` };
    case 'failed':
      return { title: `${task.title} failed`, body: task.error?.message ?? `Failed after ${took}.` };
    case 'cancelled':
      return { title: `${task.title} cancelled`, body: `Cancelled after ${took}.` };
  }
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${s % 60} s`;
}
