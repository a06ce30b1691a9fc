/**
 * The CLIs (buildx, compose) a Berth that was killed left running: they lost Berth with their output pipes
 * but go on until they next write a line, and the engine goes on with their work meanwhile — a build the task
 * list calls interrupted would still end up tagging an image. The next start ends each one (SIGTERM to its
 * process group, as a cancel does), but only when the process with that id still runs the very arguments
 * Berth started it with (buildx's include a unique temp path), so a process that reused the id is never
 * touched. The journal keeps a digest of the arguments, never the arguments themselves (build args may hold
 * secrets).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const LeftProcess = z.object({
  pid: z.number().int().positive(),
  /** What it is, for the task log: the words before the first flag ("docker buildx build", "docker compose"). */
  name: z.string(),
  /** sha256 of its arguments (after the program), joined by spaces, and that text's length. */
  digest: z.string(),
  length: z.number().int().nonnegative(),
});
export type LeftProcess = z.infer<typeof LeftProcess>;

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What the journal keeps of a CLI a task runs (`command`: the program, then its arguments). */
export function leftProcess(pid: number, command: string[]): LeftProcess {
  const flag = command.findIndex((word) => word.startsWith('-'));
  const name = command.slice(0, Math.min(3, flag < 0 ? command.length : flag)).join(' ');
  const args = command.slice(1).join(' ');
  return { pid, name, digest: digestOf(args), length: args.length };
}

/**
 * Whether a command line is the one Berth started: it ends with the same arguments. Only the arguments, as
 * a script's interpreter stands in front of the program (`/usr/bin/python3 /usr/bin/docker-compose …`).
 */
function same(line: string, p: LeftProcess): boolean {
  const head = line.slice(0, line.length - p.length);
  return head.endsWith(' ') && digestOf(line.slice(head.length)) === p.digest;
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
    if (now === undefined || !same(now, p)) continue;
    try {
      process.kill(-p.pid, 'SIGTERM');
      said.push(`Ended ${p.name} (pid ${p.pid}), which the stopped Berth had left running.`);
    } catch {
      // gone meanwhile
    }
  }
  return said;
}
