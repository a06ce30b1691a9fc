/** The live state and log of one task, from the task store (the task center's feed). */
import { useTasks } from '../../stores/tasksStore';
import type { Task } from '../../../contract/tasks';

export function useTask(id: string | undefined): { task: Task | undefined; log: string[] } {
  const task = useTasks((s) => (id ? s.tasks.get(id) : undefined));
  const log = useTasks((s) => (id ? s.logs.get(id) : undefined));
  return { task, log: log ?? EMPTY };
}

const EMPTY: string[] = [];
