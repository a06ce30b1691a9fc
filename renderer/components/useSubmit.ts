/** A form's submit: busy while it runs, and the API error it ended with (cleared when it runs again). */
import { useState } from 'react';
import type { ApiError } from '../../contract/apiError';
import { toApiError } from '../common/apiError';

export function useSubmit() {
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, setError, busy, run };
}
