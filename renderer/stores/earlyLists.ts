/**
 * The lists of the view in the URL, subscribed as the page starts — before React renders and while the
 * view's code still loads — so the first snapshot is on its way as soon as the socket opens. The view's
 * own `useRetained` takes over when it mounts; the early hold lets go after a while.
 */
import type { ViewName } from './navStore';
import { useContainers, useImages } from './dockerStores';
import { useVolumes } from './volumesStore';
import { useNetworks } from './networksStore';

interface Retainable {
  getState(): { retain(): () => void };
}

const LISTS: Partial<Record<ViewName, Retainable[]>> = {
  containers: [useContainers],
  images: [useImages, useContainers],
  volumes: [useVolumes],
  networks: [useNetworks],
};

/** How long the early hold lasts: the view has mounted and retained its lists long before. */
const HOLD_MS = 15_000;

export function subscribeEarly(view: ViewName, holdMs = HOLD_MS): void {
  const releases = (LISTS[view] ?? []).map((store) => store.getState().retain());
  if (releases.length) setTimeout(() => releases.forEach((release) => release()), holdMs);
}
