import type { ApiImplementation } from '../../contract/api';
import { ApiError } from '../../contract/errors';
import { untilAborted } from '../common/streams';
import type { Services } from '../services';
import { APP_VERSION } from '../common/version';
import { checkEnvironment, settledEngineState } from './environment';
import { defaultProbeEnv } from './environmentProbe';

/** How long after start the environment is checked in the background, so Settings and the checklist need not wait. */
const WARM_UP_MS = 800;

/** Disk usage and prune are the engine's (main/engine/disk/diskApi.ts); the backend adds them. */
type EngineDiskCalls =
  | 'diskUsage'
  | 'prunePreview'
  | 'prune'
  | 'contexts'
  | 'useContext'
  | 'keepContext'
  | 'engines'
  | 'trustHostKey'
  | 'reconnect';

export function systemApi({
  engine,
  shell,
  settings,
  onDispose,
  programs: memory,
}: Pick<Services, 'engine' | 'shell' | 'settings' | 'programs'> & Partial<Pick<Services, 'onDispose'>>): Omit<
  ApiImplementation['system'],
  EngineDiskCalls
> {
  const check = () =>
    checkEnvironment({
      probe: { ...defaultProbeEnv(), memory },
      settings: settings.current,
      engine: () => settledEngineState(engine),
    });
  const warmUp = setTimeout(() => void check().catch(() => {}), WARM_UP_MS);
  warmUp.unref?.();
  onDispose?.(() => clearTimeout(warmUp));
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
    environment: (input) => {
      if (input?.again) memory.forget();
      return check();
    },
  };
}
