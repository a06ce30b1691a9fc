/**
 * What the exec API's status channel says when a command ends: its exit code, or why it never started
 * (and whether that is because the command does not exist in the image, so the next shell can be tried).
 * Pure.
 */

/** The parts of a V1Status the exec API sends on channel 3. */
export interface ExecStatus {
  status?: string;
  message?: string;
  reason?: string;
  details?: { causes?: Array<{ reason?: string; message?: string }> };
}

export type ExecOutcome =
  { kind: 'exited'; code: number } | { kind: 'failed'; message: string; missingCommand: boolean };

const MISSING = /executable file not found|no such file or directory|not found in \$PATH|exec format error/i;

export function execOutcome(s: ExecStatus): ExecOutcome {
  if (s.status === 'Success') return { kind: 'exited', code: 0 };
  if (s.reason === 'NonZeroExitCode') {
    const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
    const code = Number.parseInt(cause?.message ?? '', 10);
    return { kind: 'exited', code: Number.isNaN(code) ? 1 : code };
  }
  const message = s.message ?? 'The command could not be run.';
  return { kind: 'failed', message, missingCommand: MISSING.test(message) };
}

export function parseExecStatus(payload: Buffer): ExecStatus {
  try {
    const parsed: unknown = JSON.parse(payload.toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as ExecStatus) : {};
  } catch {
    return { status: 'Failure', message: payload.toString('utf8') };
  }
}

/** The channel numbers of Kubernetes' stream protocol. */
export const Channel = { stdin: 0, stdout: 1, stderr: 2, status: 3, resize: 4, close: 255 } as const;

/** A frame for `channel`: one byte of channel, then the data. */
export function frame(channel: number, data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = channel;
  body.copy(out, 1);
  return out;
}
