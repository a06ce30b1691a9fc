/**
 * Runs one compose command: always with `-p <project>` and `-f <file>` spelled out, in the file's folder,
 * line by line output, and killed (with its whole process group) when the signal aborts.
 */
import type { SolveStatus } from '../common/buildkitProgress';
import { spawnLines, type SpawnLinesOptions } from '../common/spawnLines';
import { decodeComposeJson } from './jsonProgress';
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
  /** BuildKit's progress while compose builds (with `--progress json`). */
  onBuildStatus?(status: SolveStatus): void;
  env?: Record<string, string | undefined>;
  /** Told compose's pid and command line once it runs (a task journals them: TaskHandle.runs). */
  onSpawn?: SpawnLinesOptions['onSpawn'];
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
    ...(cli.jsonProgress ? ['--progress', 'json'] : []),
    '-p',
    scope.project,
    ...scope.files.flatMap((f) => ['-f', f]),
    ...(scope.profiles ?? []).flatMap((p) => ['--profile', p]),
    ...(scope.envFile ? ['--env-file', scope.envFile] : []),
    ...args,
  ];
}

export async function runCompose(
  cli: ComposeCli,
  scope: ComposeScope,
  args: string[],
  opts: RunOptions = {},
): Promise<RunResult> {
  const tail: string[] = [];
  const text = (line: string) => {
    const clean = line.replace(ANSI, '').trimEnd();
    if (!clean.trim()) return;
    tail.push(clean);
    if (tail.length > TAIL) tail.shift();
    opts.onLine?.(clean);
  };
  const take = (line: string) => {
    const decoded = cli.jsonProgress ? decodeComposeJson(line) : undefined;
    if (!decoded) return text(line);
    if (decoded.kind === 'build') opts.onBuildStatus?.(decoded.status);
    else decoded.lines.forEach(text);
  };
  const code = await spawnLines(cli.program, composeArgs(cli, scope, args), {
    cwd: scope.cwd,
    env: { ...(opts.env ?? cli.env ?? process.env), BUILDKIT_PROGRESS: 'plain' },
    signal: opts.signal,
    onLine: take,
    killGraceMs: KILL_GRACE_MS,
    onSpawn: opts.onSpawn,
  });
  return { code, tail };
}
