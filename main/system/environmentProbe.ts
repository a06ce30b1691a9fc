/**
 * Finding programs the way a shell does (a `which` over PATH, with PATHEXT on Windows) and asking them
 * for their version with a timeout. Nothing here throws: a missing or hanging program is an answer.
 */
import { execFile } from 'node:child_process';
import { findExecutable, type PathEnv } from '../common/findExecutable';
import type { ProgramMemory } from '../common/programMemory';

export { findExecutable };

export interface ProbeEnv extends PathEnv {
  /** Per program run, in milliseconds. */
  timeoutMs: number;
  /** Where programs' answers are remembered between checks (none: every check runs them). */
  memory?: ProgramMemory;
}

export const defaultProbeEnv = (): ProbeEnv => ({ env: process.env, platform: process.platform, timeoutMs: 5000 });

export interface RunResult {
  ok: boolean;
  /** stdout and stderr together, trimmed. */
  output: string;
  /** Why it failed: exit code, timeout, spawn error. */
  error?: string;
}

/** Runs `file args…` with a timeout and returns what it printed (from the probe's memory when it has one). */
export function runProgram(file: string, args: string[], probe: ProbeEnv): Promise<RunResult> {
  if (probe.memory) {
    return probe.memory.run(
      'environment',
      file,
      args,
      () => runProgram(file, args, { ...probe, memory: undefined }),
      (r) => r.ok || !/timed out/.test(r.error ?? ''),
    );
  }
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
