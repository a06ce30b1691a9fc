/**
 * What programs answered (`docker-compose version`, `kind version`, ...), remembered while their files stay
 * the same (size and modification time), and kept in a file beside the settings so a later start knows them
 * at once: an environment check or the compose CLI lookup is then a few stat calls, not a few processes. A
 * new binary (installed or upgraded) has a new stamp and is asked again; "Check again" / "Look again" forget
 * everything. An answer that did not come in time is not remembered.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

type Remembered = { stamp: string; result: unknown };

export class ProgramMemory {
  private readonly answers = new Map<string, { stamp: string; result: Promise<unknown> }>();
  private readonly kept: Record<string, Remembered> = {};
  private saveTimer: NodeJS.Timeout | undefined;

  /** `file`: where answers are kept between runs (none: only while this process lives). */
  constructor(private readonly file?: string) {
    if (!file) return;
    try {
      const loaded = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Remembered>;
      for (const [key, entry] of Object.entries(loaded)) {
        if (typeof entry?.stamp !== 'string') continue;
        this.kept[key] = entry;
        this.answers.set(key, { stamp: entry.stamp, result: Promise.resolve(entry.result) });
      }
    } catch {
      // no file yet, or not ours to read: start empty
    }
  }

  /**
   * `run`'s result for this program (an absolute path) and arguments, from memory while the file is
   * unchanged. `asker` names who asks (each asker keeps its own shape of answer); `keep` decides whether a
   * fresh result is worth remembering (JSON-serialisable ones only).
   */
  run<R>(
    asker: string,
    program: string,
    args: string[],
    run: () => Promise<R>,
    keep: (result: R) => boolean = () => true,
  ): Promise<R> {
    let stamp: string;
    try {
      const st = statSync(program);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      return run();
    }
    const key = [asker, program, ...args].join('\u0000');
    const hit = this.answers.get(key);
    if (hit?.stamp === stamp) return hit.result as Promise<R>;
    const result = run();
    this.answers.set(key, { stamp, result });
    void result.then(
      (r) => {
        if (this.answers.get(key)?.result !== result) return;
        if (!keep(r)) {
          this.answers.delete(key);
          return;
        }
        this.kept[key] = { stamp, result: r };
        this.save();
      },
      () => this.answers.delete(key),
    );
    return result;
  }

  forget(): void {
    this.answers.clear();
    for (const key of Object.keys(this.kept)) delete this.kept[key];
    this.save();
  }

  /** Writes what is not written yet, now (when Berth quits). */
  flush(): void {
    if (!this.saveTimer || !this.file) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, JSON.stringify(this.kept));
    } catch {
      // not writable: the answers are asked again next time
    }
  }

  private save(): void {
    const file = this.file;
    if (!file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void mkdir(dirname(file), { recursive: true })
        .then(() => writeFile(file, JSON.stringify(this.kept)))
        .catch(() => {});
    }, 200);
    this.saveTimer.unref?.();
  }
}
