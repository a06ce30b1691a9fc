import { useEffect } from 'react';

/** Keeps a live store subscribed while the calling view is on screen. */
export function useRetained(store: { getState(): { retain(): () => void } }): void {
  useEffect(() => store.getState().retain(), [store]);
}
