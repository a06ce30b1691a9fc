/** Keeps items that just disappeared for a moment, marked leaving, so they can fade out. */
import { useEffect, useMemo, useRef, useState } from 'react';

export const LEAVE_MS = 450;

export function useLeaving<T extends { id: string }>(items: T[]): Array<{ item: T; leaving: boolean }> {
  const previous = useRef<Map<string, T>>(new Map());
  const timers = useRef<Set<ReturnType<typeof setTimeout>>>(new Set());
  const [leaving, setLeaving] = useState<ReadonlyMap<string, T>>(new Map());
  useEffect(() => {
    const now = new Map(items.map((i) => [i.id, i]));
    const gone = [...previous.current.values()].filter((i) => !now.has(i.id));
    previous.current = now;
    if (gone.length === 0) return;
    setLeaving((l) => new Map([...l, ...gone.map((i): [string, T] => [i.id, i])]));
    // Each batch leaves on its own clock; later events must not cancel it.
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setLeaving((l) => {
        const next = new Map(l);
        for (const i of gone) next.delete(i.id);
        return next;
      });
    }, LEAVE_MS);
    timers.current.add(timer);
  }, [items]);
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  return useMemo(() => {
    const present = new Set(items.map((i) => i.id));
    const out = items.map((item) => ({ item, leaving: false }));
    for (const [id, item] of leaving) if (!present.has(id)) out.push({ item, leaving: true });
    return out;
  }, [items, leaving]);
}
