/**
 * The renderer's one way to read a failure: any thrown value as an ApiError (API errors as they are, anything
 * else as an `internal` one), as the plain shape a store keeps, or as one line of text.
 */
import { ApiError, type ApiErrorShape } from '../../contract/apiError';

export const toApiError = (e: unknown): ApiError => (e instanceof ApiError ? e : new ApiError('internal', String(e)));

/** Any thrown value as the plain shape stores keep and components show. */
export const toErrorShape = (e: unknown): ApiErrorShape => toApiError(e).toShape();

/** An error on one line: the message, then the hint after a dash. */
export const errorLine = (err: { message: string; hint?: string }): string =>
  `${err.message}${err.hint ? ` — ${err.hint}` : ''}`;

/** The API server said the user may not do this (HTTP 403, RBAC): asking again will not help. */
export const isForbidden = (err: { details?: unknown } | undefined): boolean =>
  typeof err?.details === 'object' &&
  err.details !== null &&
  (err.details as { httpStatus?: unknown }).httpStatus === 403;
