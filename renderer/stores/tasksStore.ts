/** The tasks main runs (pull, build, compose up, cluster create, ...), live, with their logs: the task center's feed. */
import { create } from 'zustand';
import type { ApiClient } from '../../contract/api';
import type { Task, TaskEvent } from '../../contract/tasks';
import { follow } from './follow';
import { notify, showing } from './toastStore';

/** What a task's toasts are about: a later run of the same kind on the same target replaces them. */
export const taskToastKey = (task: Pick<Task, 'kind' | 'title'>): string => `task:${task.kind}:${task.title}`;

const LOG_LINES = 2000;

interface TasksStore {
  tasks: Map<string, Task>;
  logs: Map<string, string[]>;
  open: boolean;
  setOpen(open: boolean): void;
}

export const useTasks = create<TasksStore>()((set) => ({
  tasks: new Map(),
  logs: new Map(),
  open: false,
  setOpen: (open) => set({ open }),
}));

function apply(event: TaskEvent): void {
  const state = useTasks.getState();
  if (event.type === 'snapshot') {
    useTasks.setState({ tasks: new Map(event.tasks.map((t) => [t.id, t])) });
  } else if (event.type === 'update') {
    const before = state.tasks.get(event.task.id);
    const tasks = new Map(state.tasks);
    tasks.set(event.task.id, event.task);
    useTasks.setState({ tasks });
    const key = taskToastKey(event.task);
    if (before?.state === 'running' && event.task.state === 'failed') {
      notify('error', `${event.task.title} failed`, event.task.error?.message, event.task.error?.hint, { key });
    } else if (event.task.state === 'succeeded' && before?.state !== 'succeeded' && showing(key)) {
      // The same work failed before and its toast is still up: this outcome replaces it.
      notify('success', `${event.task.title}: done`, event.task.message || undefined, undefined, { key });
    }
    if (!before && event.task.state === 'running') useTasks.setState({ open: true });
  } else {
    const logs = new Map(state.logs);
    const lines = [...(logs.get(event.taskId) ?? []), ...event.lines];
    logs.set(event.taskId, lines.length > LOG_LINES ? lines.slice(-LOG_LINES) : lines);
    useTasks.setState({ logs });
  }
}

/** Follows main's tasks; returns the function that stops. */
export function connectTasks(client: Pick<ApiClient, 'tasks'>): () => void {
  return follow(client.tasks.watch, apply);
}
