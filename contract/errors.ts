import { z } from 'zod';
import { ERROR_CODES, type ApiErrorShape as PlainShape } from './apiError';

export { ApiError, isApiError } from './apiError';

/** Error codes every API failure carries, so the UI can say what happened and what to do (apiError.ts). */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorShape = z.object({
  code: ErrorCode,
  message: z.string(),
  /** What the user can do about it, in one sentence. */
  hint: z.string().optional(),
  /** Structured detail: validation issues, a file position, the failing line. */
  details: z.unknown().optional(),
});
export type ApiErrorShape = z.infer<typeof ApiErrorShape>;

// The schema and the plain shape apiError.ts declares are one type: each assigns to the other.
const toPlain = (s: ApiErrorShape): PlainShape => s;
const fromPlain = (s: PlainShape): ApiErrorShape => s;
void toPlain;
void fromPlain;
