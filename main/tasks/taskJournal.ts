/**
 * A small journal of the tasks that are running, in the config folder (tasks-<pid>.json, 0600), so that after
 * Berth was killed or crashed the task list can say what was interrupted. A task is written when it starts
 * (with what to tell the user if it is cut short, and the CLIs it runs: leftProcesses.ts) and removed when
 * it ends; a journal whose process is gone lists what was cut short, and the next Berth takes it over. One
 * file per process, so the desktop app and `npm run web` sharing a folder never take each other's running
 * tasks for interrupted ones. Writes are atomic and never throw: a journal that cannot be written only loses
 * that notice.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { TaskKind } from '../../contract/tasks';
import { processAlive } from '../common/processAlive';
import { LeftProcess } from './leftProcesses';

const JOURNAL = /^tasks-(\d+)\.json$/;

const JournalEntry = z.object({
  id: z.string(),
  kind: TaskKind,
  title: z.string(),
  startedAt: z.number(),
  /** What to do if this task is cut short (what it may leave half-made); the generic hint when absent. */
  interruptedHint: z.string().optional(),
  /** The CLIs it runs in their own process groups (leftProcesses.ts: a name, and a digest of the command line). */
  processes: z.array(LeftProcess).optional(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;
const JournalFile = z.object({ running: z.array(JournalEntry) });

export class TaskJournal {
  private readonly running = new Map<string, JournalEntry>();
  private readonly file: string;

  constructor(
    private readonly dir: string,
    private readonly log: (message: string) => void = () => {},
    private readonly pid: number = process.pid,
  ) {
    this.file = join(dir, `tasks-${pid}.json`);
  }

  /** The tasks Berth processes that are gone left running (killed or crashed); their journals are removed. */
  takeInterrupted(): JournalEntry[] {
    const found: JournalEntry[] = [];
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return found; // no config folder yet
    }
    for (const name of names) {
      const pid = Number(JOURNAL.exec(name)?.[1]);
      if (!pid || pid === this.pid || processAlive(pid)) continue;
      const file = join(this.dir, name);
      try {
        const parsed = JournalFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        if (parsed.success) found.push(...parsed.data.running);
      } catch {
        // unreadable: nothing to report from it
      }
      rmSync(file, { force: true });
    }
    return found;
  }

  started(entry: JournalEntry): void {
    this.running.set(entry.id, entry);
    this.write();
  }

  /** The running task's entry changed (a CLI it runs started or ended). */
  changed(entry: JournalEntry): void {
    if (!this.running.has(entry.id)) return;
    this.running.set(entry.id, entry);
    this.write();
  }

  ended(id: string): void {
    if (this.running.delete(id)) this.write();
  }

  private write(): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      if (this.running.size === 0) {
        rmSync(this.file, { force: true });
        return;
      }
      const tmp = `${this.file}.tmp`;
      writeFileSync(tmp, JSON.stringify({ running: [...this.running.values()] }), { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch (e) {
      this.log(`could not write the task journal ${this.file}: ${String(e)}`);
    }
  }
}
