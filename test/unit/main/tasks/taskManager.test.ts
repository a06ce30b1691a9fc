import { describe, expect, it } from 'vitest';
import { TaskManager } from '../../../../main/tasks/taskManager';
import type { TaskEvent } from '../../../../contract/tasks';
import { ApiError } from '../../../../contract/errors';

const collect = (m: TaskManager) => {
  const events: TaskEvent[] = [];
  m.onEvent((e) => events.push(e));
  return events;
};
const updates = (events: TaskEvent[]) => events.flatMap((e) => (e.type === 'update' ? [e.task] : []));

describe('task manager', () => {
  it('sends the first change at once, gathers the rest, and always sends the final state', async () => {
    const m = new TaskManager();
    const events = collect(m);
    const id = m.start({ kind: 'image.pull', title: 'fast' }, async (task) => {
      task.step({ id: 'a', label: 'layer a', status: 'Downloading', fraction: 0.1 });
      for (let i = 0; i < 50; i++) task.progress({ fraction: i / 50 });
      return { reference: 'busybox:latest', id: 'sha256:done' };
    });
    const final = await m.wait(id);
    expect(final).toMatchObject({
      kind: 'image.pull',
      state: 'succeeded',
      result: { reference: 'busybox:latest', id: 'sha256:done' },
      fraction: 1,
    });
    const seen = updates(events);
    expect(seen[0]?.state).toBe('running');
    expect(seen.some((t) => t.state === 'running' && t.steps.length === 1)).toBe(true);
    expect(seen.length).toBeLessThan(10); // 51 changes, gathered
    expect(seen.at(-1)?.state).toBe('succeeded');
  });

  it('cancels through the signal and ends cancelled; failures keep their code', async () => {
    const m = new TaskManager();
    const id = m.start(
      { kind: 'compose.up', title: 'slow' },
      (task) => new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    expect(m.cancel(id)).toBe(true);
    expect((await m.wait(id)).state).toBe('cancelled');
    expect(m.cancel(id)).toBe(false);
    const failing = m.start({ kind: 'compose.up', title: 'bad' }, async () => {
      throw new ApiError('conflict', 'port 80 is taken', 'pick another');
    });
    expect(await m.wait(failing)).toMatchObject({ state: 'failed', error: { code: 'conflict', hint: 'pick another' } });
  });

  it('keeps a bounded log and streams new lines', async () => {
    const m = new TaskManager();
    const events = collect(m);
    const id = m.start({ kind: 'kind.load', title: 'log' }, async (task) => {
      for (let i = 0; i < 6000; i++) task.log(`line ${i}`);
      return { image: 'busybox:latest', cluster: 'dev' };
    });
    await m.wait(id);
    const log = m.logOf(id);
    expect(log).toHaveLength(5000);
    expect(log.at(-1)).toBe('line 5999');
    const streamed = events.flatMap((e) => (e.type === 'log' ? e.lines : []));
    expect(streamed).toHaveLength(6000);
  });
});
