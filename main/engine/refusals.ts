/** How the engine's object operations say no: an object that is not there, or containers that still use it. */
import { ApiError } from '../../contract/errors';
import { toApiError } from '../common/toApiError';

/** Rethrows the engine's "no such …" as not_found naming `what`; any other error as it is. */
export const notFound = (what: string) => (e: unknown) => {
  const err = toApiError(e);
  throw err.code === 'not_found' ? new ApiError('not_found', `There is no ${what}.`) : err;
};

/** The names of the containers that hold on to an object, for a conflict message. */
export const names = (refs: Array<{ name: string }>) => refs.map((r) => r.name).join(', ');
