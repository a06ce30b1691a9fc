/**
 * Which connected engine the Containers, Images, Volumes and Networks views show: the one in use, or one kept
 * connected beside it (engine picker › Keep connected), by its docker context name. Shared by the four views,
 * so going from a build server's containers to Images stays on the build server.
 */
import { create } from 'zustand';
import type { ConnectedEngine } from '../../contract/system';
import { useEngine } from './engineStore';

interface ShownEngine {
  /** A kept engine's context name; undefined for the engine in use. */
  shown: string | undefined;
  show(name: string | undefined): void;
}

export const useShownEngine = create<ShownEngine>()((set) => ({
  shown: undefined,
  show: (shown) => set({ shown }),
}));

/** The kept engine to show, if `shown` still names one that is kept; else undefined (the engine in use). */
export const keptShown = (engines: readonly ConnectedEngine[], shown: string | undefined): string | undefined =>
  shown !== undefined && engines.some((e) => !e.inUse && e.name === shown) ? shown : undefined;

/** The kept engine the views show, or undefined for the engine in use (also once a shown one is let go). */
export function useKeptShown(): string | undefined {
  const shown = useShownEngine((s) => s.shown);
  return useEngine((s) => keptShown(s.engines, shown));
}
