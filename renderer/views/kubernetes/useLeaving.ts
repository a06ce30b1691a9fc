/**
 * Keeps items that just disappeared for a moment, so they can fade out. Works on the live list's own map
 * (a new map per change): given the list's delta (the ids a change named), a change costs those ids;
 * without it, one pass over the map, with no copy of every item.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

export const LEAVE_MS = 450;
const NONE: ReadonlyMap<string, never> = new Map<string, never>();

/** The items gone from `items` in the last LEAVE_MS, by id (an item that came back is not among them). */
export function useLeaving<T>(
  items: ReadonlyMap<string, T>,
  delta?: { from: ReadonlyMap<string, T>; ids: ReadonlySet<string> },
): ReadonlyMap<string, T> {
  const previous = useRef(items);
  const timers = useRef<Set<ReturnType<typeof setTimeout>>>(new Set());
  const [leaving, setLeaving] = useState<ReadonlyMap<string, T>>(NONE);
  useEffect(() => {
    const before = previous.current;
    previous.current = items;
    const gone: Array<[string, T]> = [];
    if (delta?.from === before) {
      for (const id of delta.ids) {
        const item = before.get(id);
        if (item !== undefined && !items.has(id)) gone.push([id, item]);
      }
    } else for (const entry of before) if (!items.has(entry[0])) gone.push(entry);
    if (gone.length === 0) return;
    setLeaving((l) => new Map([...l, ...gone]));
    // Each batch leaves on its own clock; later events must not cancel it.
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setLeaving((l) => {
        const next = new Map(l);
        for (const [id] of gone) next.delete(id);
        return next.size ? next : NONE;
      });
    }, LEAVE_MS);
    timers.current.add(timer);
  }, [items, delta]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  return useMemo(() => {
    if (leaving.size === 0) return NONE;
    let back = false;
    for (const id of leaving.keys()) back ||= items.has(id);
    return back ? new Map([...leaving].filter(([id]) => !items.has(id))) : leaving;
  }, [items, leaving]);
}
