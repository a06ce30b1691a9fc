/**
 * Runs one compose command: always with `-p <project>` and `-f <file>` spelled out, in the file's folder,
 * line by line output, and killed (with its whole process group) when the signal aborts.
 */
import { spawn } from 'node:child_process';
import type { ComposeCli } from './tool';

export interface ComposeScope {
  project: string;
  /** Absolute paths; the first one's folder is the working directory. */
  files: string[];
  cwd: string;
  profiles?: string[];
  envFile?: string;
}

export interface RunResult {
  code: number | null;
  /** The last lines of stdout and stderr together, for error messages. */
  tail: string[];
}

export interface RunOptions {
  signal?: AbortSignal;
  onLine?(line: string): void;
  env?: Record<string, string | undefined>;
}

const TAIL = 200;
// ANSI escapes (colours, cursor moves) that a CLI may print even when asked not to.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g');
const KILL_GRACE_MS = 4000;

export function composeArgs(cli: ComposeCli, scope: ComposeScope, args: string[]): string[] {
  return [
    ...cli.prefix,
    '--ansi',
    'never',
    '-p',
    scope.project,
    ...scope.files.flatMap((f) => ['-f', f]),
    ...(scope.profiles ?? []).flatMap((p) => ['--profile', p]),
    ...(scope.envFile ? ['--env-file', scope.envFile] : []),
    ...args,
  ];
}

export function runCompose(
  cli: ComposeCli,
  scope: ComposeScope,
  args: string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return resolve({ code: null, tail: [] });
    const child = spawn(cli.program, composeArgs(cli, scope, args), {
      cwd: scope.cwd,
      env: { ...(opts.env ?? process.env), BUILDKIT_PROGRESS: 'plain' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const tail: string[] = [];
    const take = (line: string) => {
      const clean = line.replace(ANSI, '').trimEnd();
      if (!clean.trim()) return;
      tail.push(clean);
      if (tail.length > TAIL) tail.shift();
      opts.onLine?.(clean);
    };
    const reader = () => {
      let rest = '';
      return {
        data: (chunk: Buffer) => {
          rest += chunk.toString('utf8');
          const lines = rest.split(/\r\n|\r|\n/);
          rest = lines.pop() ?? '';
          lines.forEach(take);
        },
        end: () => {
          if (rest) take(rest);
          rest = '';
        },
      };
    };
    const out = reader();
    const err = reader();
    child.stdout.on('data', out.data);
    child.stderr.on('data', err.data);
    let killTimer: NodeJS.Timeout | undefined;
    const kill = () => {
      const signalGroup = (sig: NodeJS.Signals) => {
        try {
          if (child.pid) process.kill(-child.pid, sig);
        } catch {
          child.kill(sig);
        }
      };
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
    };
    opts.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => {
      opts.signal?.removeEventListener('abort', kill);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', kill);
      out.end();
      err.end();
      resolve({ code, tail });
    });
  });
}
