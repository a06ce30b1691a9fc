/**
 * What programs answered, remembered while their files stay the same (size and modification time), so the
 * environment check runs `kind version` once, not every time Settings opens: a check is then a few stat
 * calls. A new binary (installed or upgraded) has a new stamp and is asked again; "Check again" forgets all.
 */
import { statSync } from 'node:fs';
import type { RunResult } from './environmentProbe';

export class ProgramMemory {
  private readonly answers = new Map<string, { stamp: string; result: Promise<RunResult> }>();

  /** `run`'s result for this program and arguments, from memory while the file is unchanged. */
  run(file: string, args: string[], run: () => Promise<RunResult>): Promise<RunResult> {
    let stamp: string;
    try {
      const st = statSync(file);
      stamp = `${st.size}:${st.mtimeMs}`;
    } catch {
      return run();
    }
    const key = [file, ...args].join('\u0000');
    const hit = this.answers.get(key);
    if (hit?.stamp === stamp) return hit.result;
    const result = run();
    this.answers.set(key, { stamp, result });
    // A program that timed out may answer next time: do not remember that.
    void result.then((r) => r.ok || !/timed out/.test(r.error ?? '') || this.answers.delete(key));
    return result;
  }

  forget(): void {
    this.answers.clear();
  }
}
