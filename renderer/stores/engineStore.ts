/** The Docker engine connection as main reports it (status bar, dashboard, empty states). */
import { create } from 'zustand';
import type { ApiClient } from '../../contract/api';
import type { EngineState } from '../../contract/system';
import { follow } from './follow';

interface EngineStore {
  engine: EngineState | undefined;
}

export const useEngine = create<EngineStore>()(() => ({ engine: undefined }));

/** Follows the engine's state; returns the function that stops. */
export function connectEngine(client: Pick<ApiClient, 'system'>): () => void {
  return follow(client.system.engine, (engine) => useEngine.setState({ engine }));
}
