/** The settings domain: read and change settings, the environment check, and the shell's requests. */
import type { ApiImplementation } from '../../contract/api';
import { untilAborted } from '../common/streams';
import type { Services } from '../services';
import { checkEnvironment, settledEngineState } from '../system/environment';

export function settingsApi({ settings, shellRequests, engine }: Services): ApiImplementation['settings'] {
  return {
    get: async () => settings.snapshot(),
    update: (patch) => settings.update(patch),
    reset: () => settings.reset(),
    watch: (_input, sink, signal) => {
      sink.next(settings.snapshot());
      untilAborted(
        signal,
        settings.onChange((snap) => sink.next(snap)),
      );
    },
    environment: () => checkEnvironment({ settings: settings.current, engine: () => settledEngineState(engine) }),
    openRequests: (_input, sink, signal) =>
      untilAborted(
        signal,
        shellRequests.onOpen((r) => sink.next(r)),
      ),
    navigation: (_input, sink, signal) =>
      untilAborted(
        signal,
        shellRequests.onNavigate((r) => sink.next(r)),
      ),
  };
}
