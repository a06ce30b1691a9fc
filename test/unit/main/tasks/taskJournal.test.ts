import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskJournal } from '../../../../main/tasks/taskJournal';
import { INTERRUPTED, INTERRUPTED_HINT, TaskManager } from '../../../../main/tasks/taskManager';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'berth-journal-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const DEAD_PID = 2 ** 22 + 12345; // above Linux's pid_max: never a live process

describe('task journal', () => {
  it('keeps the running tasks of this process in its own 0600 file, and removes it when none runs', async () => {
    const dir = tempDir();
    const tasks = new TaskManager(new TaskJournal(dir));
    let finish: () => void = () => {};
    const id = tasks.start(
      { kind: 'image.pull', title: 'Pull redis' },
      () => new Promise((r) => (finish = () => r({ reference: 'redis', id: 'sha256:x' }))),
    );
    const file = join(dir, `tasks-${process.pid}.json`);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      running: [{ id, kind: 'image.pull', title: 'Pull redis', startedAt: expect.any(Number) }],
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    finish();
    await tasks.wait(id);
    expect(existsSync(file)).toBe(false);
  });

  it('lists what a killed Berth left running as interrupted, once, and leaves live processes alone', () => {
    const dir = tempDir();
    const left = { id: 'abc', kind: 'compose.up', title: 'Up web', startedAt: 1000 };
    writeFileSync(join(dir, `tasks-${DEAD_PID}.json`), JSON.stringify({ running: [left] }));
    writeFileSync(join(dir, `tasks-${process.ppid}.json`), JSON.stringify({ running: [{ ...left, id: 'live' }] }));
    writeFileSync(join(dir, `tasks-${DEAD_PID + 1}.json`), 'not json');
    const tasks = new TaskManager(new TaskJournal(dir));
    expect(tasks.list()).toEqual([
      expect.objectContaining({
        id: 'abc',
        kind: 'compose.up',
        title: 'Up web',
        state: 'failed',
        message: INTERRUPTED,
      }),
    ]);
    expect(tasks.get('abc')?.error).toMatchObject({ code: 'failed', message: INTERRUPTED, hint: expect.any(String) });
    expect(tasks.logOf('abc')).toEqual([INTERRUPTED]);
    expect(readdirSync(dir)).toEqual([`tasks-${process.ppid}.json`]);
    expect(new TaskManager(new TaskJournal(dir)).list()).toEqual([]);
  });

  it('journals what a task may leave half-made, and says it (not the generic hint) once it was interrupted', () => {
    const dir = tempDir();
    const hint = 'kind may have left the cluster "k" half-made.';
    const running = new TaskManager(new TaskJournal(dir));
    running.start(
      { kind: 'kind.create', title: 'Create kind cluster k', interruptedHint: hint },
      () => new Promise(() => {}),
    );
    running.start({ kind: 'image.pull', title: 'Pull redis' }, () => new Promise(() => {}));
    const journal = readFileSync(join(dir, `tasks-${process.pid}.json`), 'utf8');
    // What the next Berth finds after this one was killed: the same file under a pid that is gone.
    writeFileSync(join(dir, `tasks-${DEAD_PID}.json`), journal);
    const after = new TaskManager(new TaskJournal(dir, undefined, DEAD_PID + 1));
    const byKind = new Map(after.list().map((t) => [t.kind, t]));
    expect(byKind.get('kind.create')?.error).toMatchObject({ message: INTERRUPTED, hint });
    expect(byKind.get('image.pull')?.error).toMatchObject({ message: INTERRUPTED, hint: INTERRUPTED_HINT });
  });

  it('journals the CLIs a task runs while they run (a digest of their command line, not the line)', async () => {
    const dir = tempDir();
    const tasks = new TaskManager(new TaskJournal(dir));
    const file = join(dir, `tasks-${process.pid}.json`);
    let release: () => void = () => {};
    let finish: () => void = () => {};
    const id = tasks.start({ kind: 'image.build', title: 'Build app' }, async (task) => {
      release = task.runs(4242, ['docker', 'buildx', 'build', '--build-arg', 'TOKEN=s3cret', '.']);
      await new Promise<void>((r) => (finish = r));
      return { id: null, tags: [] };
    });
    await new Promise((r) => setImmediate(r));
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).running[0].processes).toEqual([
      { pid: 4242, name: 'docker buildx build', digest: expect.stringMatching(/^[0-9a-f]{64}$/), length: 39 },
    ]);
    expect(text).not.toContain('s3cret');
    release();
    expect(JSON.parse(readFileSync(file, 'utf8')).running[0].processes).toBeUndefined();
    finish();
    await tasks.wait(id);
    expect(existsSync(file)).toBe(false);
  });
});
