import type { ApiImplementation } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import { untilAborted } from '../common/streams';
import type { Services } from '../services';
import { APP_VERSION } from '../common/version';
import { checkEnvironment, settledEngineState } from './environment';

/** Disk usage and prune are the engine's (main/engine/disk/diskApi.ts); the backend adds them. */
type EngineDiskCalls = 'diskUsage' | 'prunePreview' | 'prune';

export function systemApi({
  engine,
  shell,
  settings,
}: Pick<Services, 'engine' | 'shell' | 'settings'>): Omit<ApiImplementation['system'], EngineDiskCalls> {
  return {
    info: async () => ({ version: APP_VERSION, platform: process.platform, shell: shell.kind }),
    engine: (_input, sink, signal) => {
      sink.next(engine.current);
      untilAborted(
        signal,
        engine.onState((state) => sink.next(state)),
      );
    },
    openExternal: async ({ url }) => {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new ApiError('invalid_input', 'Only http and https links can be opened.');
      }
      return { opened: await shell.openExternal(parsed.toString()) };
    },
    pickPath: async (input) => ({ path: await shell.pickPath(input) }),
    environment: () => checkEnvironment({ settings: settings.current, engine: () => settledEngineState(engine) }),
  };
}
