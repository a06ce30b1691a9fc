/**
 * Compose files the desktop shell was asked to open (a second launch with a path, a file association,
 * macOS open-file): show the Compose view and open the file there. The compose store comes with the
 * request (it is not on the first paint's path).
 */
import type { ApiClient } from '../../contract/api';
import { follow } from './follow';
import { useNav } from './navStore';

/** Follows the shell's open requests; returns the function that stops. */
export function connectOpenRequests(client: Pick<ApiClient, 'settings'>): () => void {
  return follow(client.settings.openRequests, (request) => {
    useNav.getState().go('compose');
    void import('./composeStore').then(({ useCompose }) => useCompose.getState().open(request.path));
  });
}
