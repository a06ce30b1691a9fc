/** The docker, docker-compose and kubectl CLIs, timed as a user in a terminal runs them. */
import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { epochNow } from './browser';
import { sleep } from './stats';

const exec = promisify(execFile);

export async function run(command: string, args: readonly string[]): Promise<string> {
  const { stdout } = await exec(command, [...args], { maxBuffer: 512 * 1024 * 1024 });
  return stdout;
}

export const docker = (...args: string[]): Promise<string> => run('docker', args);

export interface LineWatch {
  /** When the first line at or after index `from` that `match` accepts arrived (epoch ms). */
  until(from: number, match: (cols: string[]) => boolean, timeoutMs?: number): Promise<number>;
  /** Lines so far. */
  count(): number;
  close(): void;
}

/**
 * A watching command (`kubectl get -w`, `docker events`) with each stdout line split into columns and
 * stamped (epoch ms, comparable with the page's clock) as it arrives.
 */
export function watchLines(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): LineWatch {
  const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'ignore'], env });
  const lines: Array<{ t: number; cols: string[] }> = [];
  createInterface({ input: child.stdout }).on('line', (line) =>
    lines.push({ t: epochNow(), cols: line.trim().split(/\s+/) }),
  );
  return {
    async until(from, match, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = lines.slice(from).find((l) => match(l.cols));
        if (hit) return hit.t;
        if (Date.now() > deadline) throw new Error(`${command} printed no awaited line in ${timeoutMs} ms`);
        await sleep(20);
      }
    },
    count: () => lines.length,
    close: () => child.kill(),
  };
}
