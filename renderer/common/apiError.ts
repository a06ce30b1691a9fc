/** Any thrown value as an ApiError: API errors as they are, anything else as an `internal` one. */
import { ApiError } from '../../contract/errors';

export const toApiError = (e: unknown): ApiError => (e instanceof ApiError ? e : new ApiError('internal', String(e)));

/** An error on one line: the message, then the hint after a dash. */
export const errorLine = (err: { message: string; hint?: string }): string =>
  `${err.message}${err.hint ? ` — ${err.hint}` : ''}`;
