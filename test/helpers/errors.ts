/** Test helpers for calls that are meant to fail with the API's own error. */
import { expect } from 'vitest';
import { ApiError } from '../../contract/errors';

/** Awaits a call that must fail, checks it failed with an ApiError and returns that error. */
export async function apiError(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}
