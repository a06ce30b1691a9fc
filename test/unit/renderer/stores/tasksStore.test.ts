/**
 * The tasks store, connected to a fake client the way main.tsx connects it to main: it follows the task
 * stream, toasts a failure, opens the task center for a new task, bounds logs, and resubscribes after the
 * stream ends until it is disconnected.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../../../contract/api';
import type { StreamHandlers } from '../../../../contract/define';
import type { Task, TaskEvent } from '../../../../contract/tasks';
import { connectTasks, useTasks } from '../../../../renderer/stores/tasksStore';
import { useToasts } from '../../../../renderer/stores/toastStore';

/** A client whose task stream the test drives; counts subscriptions. */
function fakeClient() {
  const streams: Array<{ handlers: StreamHandlers<TaskEvent>; closed: boolean }> = [];
  const client = {
    tasks: {
      watch: {
        subscribe(_input: undefined, handlers: StreamHandlers<TaskEvent>) {
          const stream = { handlers, closed: false };
          streams.push(stream);
          return { unsubscribe: () => void (stream.closed = true) };
        },
      },
    },
  } as unknown as Pick<ApiClient, 'tasks'>;
  const last = () => streams.at(-1)!;
  return {
    client,
    streams,
    send: (event: TaskEvent) => last().handlers.onEvent(event),
    end: () => last().handlers.onEnd?.(),
  };
}

const task = (over: Partial<Task>): Task =>
  ({
    id: 't1',
    kind: 'image.pull',
    title: 'Pull busybox',
    state: 'running',
    fraction: null,
    message: '',
    steps: [],
    cancellable: true,
    startedAt: 1,
    ...over,
  }) as Task;

describe('tasks store', () => {
  beforeEach(() => {
    useTasks.setState({ tasks: new Map(), logs: new Map(), open: false });
    useToasts.setState({ toasts: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('follows the task stream once connected, and only then', () => {
    const { client, streams, send } = fakeClient();
    expect(streams).toHaveLength(0);
    const stop = connectTasks(client);
    expect(streams).toHaveLength(1);
    send({ type: 'snapshot', tasks: [task({ id: 'a', state: 'succeeded' })] });
    expect([...useTasks.getState().tasks.keys()]).toEqual(['a']);
    stop();
    expect(streams[0]?.closed).toBe(true);
  });

  it('opens the task center for a new task and toasts a failure', () => {
    const { client, send } = fakeClient();
    const stop = connectTasks(client);
    send({ type: 'update', task: task({}) });
    expect(useTasks.getState().open).toBe(true);
    send({
      type: 'update',
      task: task({ state: 'failed', error: { code: 'failed', message: 'no such image', hint: 'check the name' } }),
    });
    expect(useToasts.getState().toasts).toMatchObject([
      { kind: 'error', title: 'Pull busybox failed', message: 'no such image', hint: 'check the name' },
    ]);
    stop();
  });

  it('keeps the newest 2,000 log lines of a task', () => {
    const { client, send } = fakeClient();
    const stop = connectTasks(client);
    send({ type: 'log', taskId: 't1', lines: Array.from({ length: 1500 }, (_, i) => `a${i}`) });
    send({ type: 'log', taskId: 't1', lines: Array.from({ length: 1500 }, (_, i) => `b${i}`) });
    const log = useTasks.getState().logs.get('t1') ?? [];
    expect(log).toHaveLength(2000);
    expect([log[0], log.at(-1)]).toEqual(['a1000', 'b1499']);
    stop();
  });

  it('subscribes again a second after the stream ends, and not after it is disconnected', () => {
    vi.useFakeTimers();
    const { client, streams, end } = fakeClient();
    const stop = connectTasks(client);
    end();
    vi.advanceTimersByTime(999);
    expect(streams).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(streams).toHaveLength(2);
    end();
    stop();
    vi.advanceTimersByTime(5000);
    expect(streams).toHaveLength(2);
  });
});
