import { z } from 'zod';
import { call, stream } from './define';
import { ApiErrorShape } from './errors';
import { NoInput } from './collection';

export const TaskStep = z.object({
  id: z.string(),
  label: z.string(),
  status: z.string(),
  /** 0..1 when known. */
  fraction: z.number().min(0).max(1).nullable(),
  /** When the step started and ended (ms since the epoch), where the tool says (build steps). */
  startedAt: z.number().optional(),
  endedAt: z.number().optional(),
});
export type TaskStep = z.infer<typeof TaskStep>;

export const Task = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  state: z.enum(['running', 'succeeded', 'failed', 'cancelled']),
  /** Overall progress 0..1, or null when it cannot be known (indeterminate bar). */
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string(),
  steps: z.array(TaskStep),
  cancellable: z.boolean(),
  startedAt: z.number(),
  endedAt: z.number().optional(),
  error: ApiErrorShape.optional(),
  result: z.unknown().optional(),
});
export type Task = z.infer<typeof Task>;

export const TaskEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), tasks: z.array(Task) }),
  z.object({ type: z.literal('update'), task: Task }),
  z.object({ type: z.literal('log'), taskId: z.string(), lines: z.array(z.string()) }),
]);
export type TaskEvent = z.infer<typeof TaskEvent>;

const TaskId = z.object({ id: z.string().min(1) });

export const tasks = {
  watch: stream(NoInput, TaskEvent),
  cancel: call(TaskId, z.object({ cancelled: z.boolean() })),
  /** Resolves when the task ends, with its final state (for scripts and tests). */
  wait: call(TaskId, Task),
  /** The log lines a task kept (bounded). */
  log: call(TaskId, z.object({ lines: z.array(z.string()) })),
  /** Forgets finished tasks. */
  clear: call(NoInput, z.object({ removed: z.number() })),
} as const;
