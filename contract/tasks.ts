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

const ProjectResult = z.object({ project: z.string() });

/** Every kind of task main runs, each with what it ends with (a task's `result` once it succeeded). */
export const TaskResults = {
  'image.pull': z.object({ reference: z.string(), id: z.string(), digest: z.string().optional() }),
  'image.push': z.object({ reference: z.string(), digest: z.string().nullable() }),
  /** `id` is null when the engine did not name the image it built. */
  'image.build': z.object({ id: z.string().nullable(), tags: z.array(z.string()) }),
  'compose.up': z.object({ project: z.string(), services: z.array(z.string()) }),
  'compose.down': ProjectResult,
  'compose.start': ProjectResult,
  'compose.stop': ProjectResult,
  'compose.restart': ProjectResult,
  'compose.pull': ProjectResult,
  'compose.build': ProjectResult,
  'compose.scale': ProjectResult,
  /** The kubeconfig context kind wrote for the new cluster. */
  'kind.create': z.object({ context: z.string() }),
  'kind.delete': z.object({ deleted: z.string(), removedNetwork: z.boolean() }),
  'kind.load': z.object({ image: z.string(), cluster: z.string() }),
  /** A drained node: how many pods were evicted (or deleted, with force) and how many left in place. */
  'kube.drain': z.object({ node: z.string(), evicted: z.number(), skipped: z.number() }),
} as const;
export type TaskKind = keyof typeof TaskResults;
export const TaskKind = z.enum(Object.keys(TaskResults) as [TaskKind, ...TaskKind[]]);
/** What a task of kind K ends with. */
export type TaskResult<K extends TaskKind> = z.infer<(typeof TaskResults)[K]>;

const TaskFields = {
  id: z.string(),
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
};

const taskOf = <K extends TaskKind>(kind: K) =>
  z.object({ ...TaskFields, kind: z.literal(kind), result: TaskResults[kind].optional() });

/** A task, told apart by `kind`: `task.kind === 'image.build'` types `task.result` as a build's result. */
export const Task = z.discriminatedUnion('kind', [
  taskOf('image.pull'),
  taskOf('image.push'),
  taskOf('image.build'),
  taskOf('compose.up'),
  taskOf('compose.down'),
  taskOf('compose.start'),
  taskOf('compose.stop'),
  taskOf('compose.restart'),
  taskOf('compose.pull'),
  taskOf('compose.build'),
  taskOf('compose.scale'),
  taskOf('kind.create'),
  taskOf('kind.delete'),
  taskOf('kind.load'),
  taskOf('kube.drain'),
]);
export type Task = z.infer<typeof Task>;
// Every kind of TaskResults is in the union above: a compile error here names the one missing.
type MissingKind = Exclude<TaskKind, Task['kind']>;
const _everyKindIsATask: [MissingKind] extends [never] ? true : MissingKind = true;

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
