/**
 * The CLIs (buildx) a Berth that was killed left running: they lost Berth with their output pipes but go on
 * until they next write a line, and the engine goes on with their work meanwhile — a build the task list
 * calls interrupted would still end up tagging an image. The next start ends each one (SIGTERM to its
 * process group, as a cancel does), but only when the process with that id still has the very command line
 * Berth started it with (a unique temp path in it), so a process that reused the id is never touched. The
 * journal keeps a digest of the command line, never the line itself (build args may hold secrets).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const LeftProcess = z.object({
  pid: z.number().int().positive(),
  /** What it is, for the task log: the program and its subcommand ("docker buildx build"). */
  name: z.string(),
  /** sha256 of its command line, its words joined by spaces. */
  digest: z.string(),
});
export type LeftProcess = z.infer<typeof LeftProcess>;

const digestOf = (commandLine: string): string => createHash('sha256').update(commandLine).digest('hex');

/** What the journal keeps of a CLI a task runs. */
export function leftProcess(pid: number, command: string[]): LeftProcess {
  return { pid, name: command.slice(0, 3).join(' '), digest: digestOf(command.join(' ')) };
}

/** The command line of a running process, or undefined when there is none (or no `ps`, as on Windows). */
function commandLine(pid: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { timeout: 10_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}

/** Ends the processes still running as Berth started them; returns the lines saying what was ended. */
export async function endLeftProcesses(processes: LeftProcess[]): Promise<string[]> {
  const said: string[] = [];
  for (const p of processes) {
    const now = await commandLine(p.pid);
    if (now === undefined || digestOf(now) !== p.digest) continue;
    try {
      process.kill(-p.pid, 'SIGTERM');
      said.push(`Ended ${p.name} (pid ${p.pid}), which the stopped Berth had left running.`);
    } catch {
      // gone meanwhile
    }
  }
  return said;
}
