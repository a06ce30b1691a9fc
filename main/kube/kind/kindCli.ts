/** Finds the user's `kind` binary and runs it, streaming its output line by line. */
import { spawn } from 'node:child_process';
import { stripAnsi } from '../../common/ansi';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ApiError } from '../../../contract/errors';

export const KIND_INSTALL_HINT =
  'Install kind, then try again: `go install sigs.k8s.io/kind@latest`, `brew install kind` (macOS) or `choco install kind` (Windows).';

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * The kind binary: the user's kind binary setting (a path, or a name looked up on PATH) when set, else
 * BERTH_KIND, else the first `kind` on PATH; undefined when there is none.
 */
export function locateKind(preferred = '', env: NodeJS.ProcessEnv = process.env): string | undefined {
  const wanted = preferred || env.BERTH_KIND;
  if (wanted && /[/\\]/.test(wanted)) return executable(wanted) ? wanted : undefined;
  const names = wanted ? [wanted] : process.platform === 'win32' ? ['kind.exe', 'kind'] : ['kind'];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const n of names) if (executable(join(dir, n))) return join(dir, n);
  }
  return undefined;
}

export function requireKind(preferred = ''): string {
  const kind = locateKind(preferred);
  if (!kind) {
    const where = preferred ? `"${preferred}" (the kind binary in Settings) was not found` : 'no `kind` found on PATH';
    throw new ApiError('tool_missing', `kind is not installed: ${where}.`, KIND_INSTALL_HINT);
  }
  return kind;
}

export interface KindRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Every output line (stdout and stderr), without terminal escapes. */
  lines: string[];
}

export interface KindRunOptions {
  input?: string;
  /** The environment (DOCKER_HOST, KUBECONFIG); process.env when absent. */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onLine?(line: string): void;
}

export function runKind(binary: string, args: string[], options: KindRunOptions = {}): Promise<KindRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const lines: string[] = [];
    let stdout = '';
    const splitter = () => {
      let rest = '';
      return (chunk: Buffer, last = false) => {
        rest += chunk.toString('utf8');
        const parts = rest.split(/\r\n|\r|\n/);
        rest = last ? '' : (parts.pop() ?? '');
        for (const raw of parts) {
          const line = stripAnsi(raw).replace(/\s+$/, '');
          if (!line) continue;
          lines.push(line);
          options.onLine?.(line);
        }
      };
    };
    const out = splitter();
    const err = splitter();
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      out(c);
    });
    child.stderr.on('data', (c: Buffer) => err(c));
    const onAbort = () => child.kill('SIGTERM');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (e) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new ApiError('tool_missing', `kind could not be started (${binary}).`, KIND_INSTALL_HINT)
          : e,
      );
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      out(Buffer.alloc(0), true);
      err(Buffer.alloc(0), true);
      resolve({ code, signal, stdout, lines });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
