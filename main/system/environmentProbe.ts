/**
 * Finding programs the way a shell does (a `which` over PATH, with PATHEXT on Windows) and asking them
 * for their version with a timeout. Nothing here throws: a missing or hanging program is an answer.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ProgramMemory } from './programMemory';

export interface ProbeEnv {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Per program run, in milliseconds. */
  timeoutMs: number;
  /** Where programs' answers are remembered between checks (none: every check runs them). */
  memory?: ProgramMemory;
}

export const defaultProbeEnv = (): ProbeEnv => ({ env: process.env, platform: process.platform, timeoutMs: 5000 });

const pathOf = (env: NodeJS.ProcessEnv): string => env.PATH ?? env.Path ?? '';

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of `name` (a program name or a path), or undefined when it is not there. */
export function findExecutable(name: string, probe: Pick<ProbeEnv, 'env' | 'platform'>): string | undefined {
  if (!name) return undefined;
  const exts =
    probe.platform === 'win32' ? ['', ...(probe.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').toLowerCase().split(';')] : [''];
  if (isAbsolute(name) || name.includes('/') || (probe.platform === 'win32' && name.includes('\\'))) {
    return exts.map((e) => name + e).find((f) => isExecutable(f, probe.platform));
  }
  const sep = probe.platform === 'win32' ? ';' : delimiter;
  for (const dir of pathOf(probe.env).split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate, probe.platform)) return candidate;
    }
  }
  return undefined;
}

export interface RunResult {
  ok: boolean;
  /** stdout and stderr together, trimmed. */
  output: string;
  /** Why it failed: exit code, timeout, spawn error. */
  error?: string;
}

/** Runs `file args…` with a timeout and returns what it printed (from the probe's memory when it has one). */
export function runProgram(file: string, args: string[], probe: ProbeEnv): Promise<RunResult> {
  if (probe.memory) return probe.memory.run(file, args, () => runProgram(file, args, { ...probe, memory: undefined }));
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { env: probe.env, timeout: probe.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const output = `${String(stdout)}\n${String(stderr)}`.trim();
        if (!error) return resolve({ ok: true, output });
        const e = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
        const why = e.killed
          ? `timed out after ${probe.timeoutMs} ms`
          : typeof e.code === 'number'
            ? `exited with code ${e.code}`
            : e.message;
        resolve({ ok: false, output, error: why });
      },
    );
  });
}

/** The first version-looking token in a program's output: v1.32.4, 1.29.2, 20.10.24+dfsg1. */
export function parseVersion(output: string): string | undefined {
  return /\bv?\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?/.exec(output)?.[0]?.replace(/,$/, '');
}
