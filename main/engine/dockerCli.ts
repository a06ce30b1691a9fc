/**
 * Runs the user's docker CLI for what Berth leaves to it (`login`, `logout`, `buildx version`): with the
 * environment that points it at Berth's engine, an optional stdin (a password never goes on the command
 * line), a timeout, and a plain `tool_missing` error when there is no `docker` on PATH.
 */
import { spawn } from 'node:child_process';
import { ApiError } from '../../contract/errors';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env: NodeJS.ProcessEnv;
  /** Written to the CLI's stdin, which is then closed. */
  stdin?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const DOCKER_CLI_HINT =
  'Install the docker CLI (Docker Desktop has it; on Linux the docker-ce-cli or docker.io package) and make sure it is on PATH.';

export function runDockerCli(args: string[], opts: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('docker', args, { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs ?? 60_000);
    const abort = () => child.kill('SIGTERM');
    opts.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', abort);
      reject(
        e.code === 'ENOENT'
          ? new ApiError('tool_missing', 'The docker CLI is not installed (no `docker` on PATH).', DOCKER_CLI_HINT)
          : e,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', abort);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    // A CLI that exits before reading its stdin must not crash Berth with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(opts.stdin ?? '');
  });
}
