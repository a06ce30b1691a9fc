/**
 * Runs a CLI (compose, buildx) line by line: stdout and stderr split into lines as they come, the program
 * in its own process group so that a cancel stops it and whatever it started (SIGTERM, then SIGKILL after a
 * grace period). Resolves with the exit code (null when it was killed before it began).
 */
import { spawn } from 'node:child_process';

export interface SpawnLinesOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onLine(line: string): void;
  /** How long a cancelled program gets between SIGTERM and SIGKILL. */
  killGraceMs?: number;
  /**
   * Told the program's pid (the id of its process group) and command line once it runs (a task journals
   * them: TaskHandle.runs); what it returns is called when it ends.
   */
  onSpawn?(pid: number, command: string[]): (() => void) | void;
}

export function spawnLines(program: string, args: string[], opts: SpawnLinesOptions): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return resolve(null);
    const child = spawn(program, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const reader = () => {
      let rest = '';
      return {
        data: (chunk: Buffer) => {
          rest += chunk.toString('utf8');
          const lines = rest.split(/\r\n|\r|\n/);
          rest = lines.pop() ?? '';
          lines.forEach(opts.onLine);
        },
        end: () => {
          if (rest) opts.onLine(rest);
          rest = '';
        },
      };
    };
    const release = child.pid ? opts.onSpawn?.(child.pid, [program, ...args]) : undefined;
    const out = reader();
    const err = reader();
    child.stdout.on('data', out.data);
    child.stderr.on('data', err.data);
    let killTimer: NodeJS.Timeout | undefined;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        child.kill(sig);
      }
    };
    const kill = () => {
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), opts.killGraceMs ?? 4000);
    };
    opts.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => {
      release?.();
      opts.signal?.removeEventListener('abort', kill);
      reject(e);
    });
    child.on('close', (code) => {
      release?.();
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', kill);
      out.end();
      err.end();
      resolve(code);
    });
  });
}
