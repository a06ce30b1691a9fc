/**
 * Compose files the desktop shell was asked to open (a second launch with a path, a file association,
 * macOS open-file): show the Compose view and open the file there.
 */
import { api } from '../api';
import { useCompose } from './composeStore';
import { useNav } from './navStore';

const subscribe = () =>
  api.settings.openRequests.subscribe(undefined, {
    onEvent: (request) => {
      useNav.getState().go('compose');
      void useCompose.getState().open(request.path);
    },
    onEnd: () => setTimeout(subscribe, 1000),
  });
subscribe();
