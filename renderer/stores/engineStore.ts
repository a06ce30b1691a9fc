import { create } from 'zustand';
import { api } from '../api';
import type { EngineState } from '../../contract/system';

interface EngineStore {
  engine: EngineState | undefined;
}

export const useEngine = create<EngineStore>()(() => ({ engine: undefined }));

const subscribe = () =>
  api.system.engine.subscribe(undefined, {
    onEvent: (engine) => useEngine.setState({ engine }),
    onEnd: () => setTimeout(subscribe, 1000),
  });
subscribe();
