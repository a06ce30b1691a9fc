/**
 * The error class both sides throw, and its codes, without zod: the renderer's first chunk (its client and
 * error display) needs only this, not the schemas. `errors.ts` builds the wire schema from the same codes.
 */

/** Error codes every API failure carries, so the UI can say what happened and what to do. */
export const ERROR_CODES = [
  'invalid_input', // the request did not match the contract's schema
  'invalid_message', // the wire message itself was malformed
  'unknown_method',
  'not_found',
  'conflict', // e.g. a port already taken, an image in use, a name taken
  'engine_unreachable', // the Docker engine does not answer
  'connection_lost', // the renderer lost its connection to Berth's main process (it reconnects by itself)
  'tool_missing', // compose, kind or kubectl not installed
  'cluster_unreachable',
  'no_space', // the engine's disk is full: free space (Disk usage › prune) and try again
  'cancelled',
  'failed', // the operation ran and failed (build step, compose up, ...)
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as it crosses the wire (errors.ts has its schema, checked to agree with this). */
export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  /** What the user can do about it, in one sentence. */
  hint?: string;
  /** Structured detail: validation issues, a file position, the failing line. */
  details?: unknown;
}

/** The error class both sides throw; it crosses the wire as ApiErrorShape. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, hint?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.hint = hint;
    this.details = details;
  }
  toShape(): ApiErrorShape {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.hint, shape.details);
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
