/**
 * The lists of the view in the URL, subscribed as the page starts — before React renders and while the
 * view's code still loads — so the first snapshot is on its way as soon as the socket opens. The view's
 * own `useRetained` takes over when it mounts; the early hold lets go after a while. `listsAnswered` says
 * when their first answers are in (the entry point waits for them, and their paint, before it fetches the
 * code of what the first view does not need).
 */
import type { ViewName } from './navStore';
import { useContainers, useImages } from './dockerStores';
import { useVolumes } from './volumesStore';
import { useNetworks } from './networksStore';

interface ListState {
  retain(): () => void;
  loaded: boolean;
  error: unknown;
}

interface EarlyList {
  getState(): ListState;
  subscribe(listener: (state: ListState) => void): () => void;
}

const LISTS: Partial<Record<ViewName, EarlyList[]>> = {
  containers: [useContainers],
  images: [useImages],
  volumes: [useVolumes],
  networks: [useNetworks],
};

/** How long the early hold lasts: the view has mounted and retained its lists long before. */
const HOLD_MS = 15_000;

export function subscribeEarly(view: ViewName, holdMs = HOLD_MS): void {
  const releases = (LISTS[view] ?? []).map((store) => store.getState().retain());
  if (releases.length) setTimeout(() => releases.forEach((release) => release()), holdMs);
}

/** Resolves once each of the view's early lists has its first answer (its snapshot, or an error); at once if it has none. */
export async function listsAnswered(view: ViewName): Promise<void> {
  await Promise.all((LISTS[view] ?? []).map(firstAnswer));
}

const answered = (state: ListState) => state.loaded || state.error !== undefined;

function firstAnswer(list: EarlyList): Promise<void> {
  return new Promise((resolve) => {
    if (answered(list.getState())) return resolve();
    const off = list.subscribe((state) => {
      if (!answered(state)) return;
      off();
      resolve();
    });
  });
}
