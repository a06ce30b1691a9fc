/** The container's inspect JSON, re-read when `version` (its status line) changes. */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/apiError';
import { toApiError } from '../../common/apiError';

export function useContainerInspect(
  id: string,
  version: string,
): { data: Record<string, unknown> | undefined; error: ApiError | undefined } {
  const [data, setData] = useState<Record<string, unknown>>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    let live = true;
    api.containers
      .inspect({ id })
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(toApiError(e)));
    return () => {
      live = false;
    };
  }, [id, version]);
  return { data, error };
}
