/** The settings domain: read and change settings, and the desktop shell's requests to the renderer. */
import type { ApiImplementation } from '../../contract/api';
import { untilAborted } from '../common/streams';
import type { Services } from '../services';

export function settingsApi({
  settings,
  shellRequests,
}: Pick<Services, 'settings' | 'shellRequests'>): ApiImplementation['settings'] {
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
