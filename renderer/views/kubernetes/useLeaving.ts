/**
 * Keeps items that just disappeared for a moment, so they can fade out. Works on the live list's own map
 * (a new map per change): given the list's delta (the ids a change named), a change costs those ids;
 * without it, one pass over the map, with no copy of every item. What left is found in the render that
 * brings the change (React's "adjusting state while rendering"), so a pod fades from its place in the same
 * frame it goes: found in an effect after it, it vanished for a frame, came back fading, and the map drew
 * twice per change.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { CollectionDelta } from '../../stores/collectionStore';

export const LEAVE_MS = 450;
const NONE: ReadonlyMap<string, never> = new Map<string, never>();

/** The entries of `before` that `items` no longer has, from the delta's ids when it follows `before`. */
export function goneBetween<T>(
  before: ReadonlyMap<string, T>,
  items: ReadonlyMap<string, T>,
  delta?: CollectionDelta<T>,
): Array<[string, T]> {
  const gone: Array<[string, T]> = [];
  if (delta?.from === before) {
    for (const id of delta.ids) {
      const item = before.get(id);
      if (item !== undefined && !items.has(id)) gone.push([id, item]);
    }
  } else for (const entry of before) if (!items.has(entry[0])) gone.push(entry);
  return gone;
}

interface Leaving<T> {
  /** The items map this state was derived for. */
  items: ReadonlyMap<string, T>;
  leaving: ReadonlyMap<string, T>;
  /** What the last change took away, to leave LEAVE_MS later. */
  batch: Array<[string, T]> | undefined;
}

/** The items gone from `items` in the last LEAVE_MS, by id (an item that came back is not among them). */
export function useLeaving<T>(items: ReadonlyMap<string, T>, delta?: CollectionDelta<T>): ReadonlyMap<string, T> {
  const [state, setState] = useState<Leaving<T>>(() => ({ items, leaving: NONE, batch: undefined }));
  let current = state;
  if (state.items !== items) {
    const gone = goneBetween(state.items, items, delta);
    current = gone.length
      ? { items, leaving: new Map([...state.leaving, ...gone]), batch: gone }
      : { items, leaving: state.leaving, batch: undefined };
    setState(current);
  }
  const timers = useRef<Set<ReturnType<typeof setTimeout>>>(new Set());
  const batch = state.batch;
  // React runs a render's effects before it starts the next update, so no batch is replaced unscheduled.
  useEffect(() => {
    if (!batch) return;
    // Each batch leaves on its own clock; later changes must not cancel it.
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setState((s) => {
        const next = new Map(s.leaving);
        for (const [id] of batch) next.delete(id);
        return { ...s, leaving: next.size ? next : NONE };
      });
    }, LEAVE_MS);
    timers.current.add(timer);
  }, [batch]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  const leaving = current.leaving;
  return useMemo(() => {
    if (leaving.size === 0) return NONE;
    let back = false;
    for (const id of leaving.keys()) back ||= items.has(id);
    return back ? new Map([...leaving].filter(([id]) => !items.has(id))) : leaving;
  }, [items, leaving]);
}
