/** The environment check's last result, shared by the Settings view and the first-run checklist. */
import { create } from 'zustand';
import { api } from '../api';
import { toApiError } from '../common/apiError';
import type { EnvironmentReport } from '../../contract/system';

interface EnvironmentStore {
  report: EnvironmentReport | undefined;
  checking: boolean;
  error: string | undefined;
}

export const useEnvironment = create<EnvironmentStore>()(() => ({
  report: undefined,
  checking: false,
  error: undefined,
}));

let inFlight: Promise<void> | undefined;

/** Runs the check (one at a time); `again` asks every program afresh instead of using what main remembers. */
export function checkEnvironment(again = false): Promise<void> {
  if (inFlight) return inFlight;
  useEnvironment.setState({ checking: true, error: undefined });
  inFlight = api.system
    .environment({ again })
    .then((report) => useEnvironment.setState({ report }))
    .catch((e: unknown) => useEnvironment.setState({ error: toApiError(e).message }))
    .finally(() => {
      inFlight = undefined;
      useEnvironment.setState({ checking: false });
    });
  return inFlight;
}
