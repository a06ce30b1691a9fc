/** Turns a failed validation (local zod issues or the API's invalid_input details) into one message per field. */
import { ApiError } from '../../../contract/apiError';

export type FieldErrors = Partial<Record<string, string>>;

export function fromIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = String(i.path[0] ?? '');
    out[key] ??= i.message;
  }
  return out;
}

export function fromApiError(e: unknown): FieldErrors | undefined {
  if (!(e instanceof ApiError) || e.code !== 'invalid_input' || !Array.isArray(e.details)) return undefined;
  const out: FieldErrors = {};
  for (const d of e.details as Array<{ path?: unknown; message?: unknown }>) {
    if (typeof d.path === 'string' && typeof d.message === 'string') out[d.path.split('.')[0] ?? ''] ??= d.message;
  }
  return out;
}
