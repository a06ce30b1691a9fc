/** Which finished tasks get a desktop notification. */
import { describe, expect, it } from 'vitest';
import { noticeFor } from '../../../../main/desktop/notifyPolicy';
import type { Task } from '../../../../contract/tasks';

describe('long task notifications', () => {
  const task = (over: Partial<Task>): Task => ({
    id: 't1',
    kind: 'compose.up',
    title: 'Compose up shop',
    state: 'succeeded',
    fraction: 1,
    message: '',
    steps: [],
    cancellable: false,
    startedAt: 1_000,
    endedAt: 31_000,
    ...over,
  });

  it('notifies when a long task ends while the window is not focused', () => {
    expect(noticeFor({ type: 'update', task: task({}) }, false)).toEqual({
      title: 'Compose up shop finished',
      body: 'Done in 30 s.',
    });
    const failed = task({ state: 'failed', error: { code: 'failed', message: 'port 80 is taken' } });
    expect(noticeFor({ type: 'update', task: failed }, false)?.body).toBe('port 80 is taken');
  });

  it('stays quiet when focused, still running, or quick', () => {
    expect(noticeFor({ type: 'update', task: task({}) }, true)).toBeUndefined();
    expect(noticeFor({ type: 'update', task: task({ state: 'running', endedAt: undefined }) }, false)).toBeUndefined();
    expect(noticeFor({ type: 'update', task: task({ endedAt: 3_000 }) }, false)).toBeUndefined();
    expect(noticeFor({ type: 'log', taskId: 't1', lines: ['x'] }, false)).toBeUndefined();
  });
});
