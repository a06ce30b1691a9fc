/**
 * Which element each row on screen is drawn in. A virtualised table keys its row elements by slot, not by
 * row: a row that stays on screen keeps its slot (its element only moves), and a row that comes on screen
 * takes the slot of one that left, so React updates that element's text instead of removing one element
 * and creating another — a filter keystroke that replaces every row on screen changes text, not the DOM's
 * shape.
 */

/**
 * Slots for `keys` (the rows on screen, in order): those in `previous` keep theirs; the others take the
 * slots that were let go, in the order they were on screen (`previous` is in screen order), then new ones.
 * So when every row on screen is replaced, the elements keep their order too and none has to move.
 */
export function assignSlots(previous: ReadonlyMap<string, number>, keys: readonly string[]): Map<string, number> {
  const taken = new Set<number>();
  for (const key of keys) {
    const slot = previous.get(key);
    if (slot !== undefined) taken.add(slot);
  }
  const freed = [...previous.values()].filter((slot) => !taken.has(slot));
  let reused = 0;
  let fresh = 0;
  // Built in screen order, as the next call's `previous` needs.
  const slots = new Map<string, number>();
  for (const key of keys) {
    let slot = previous.get(key);
    if (slot === undefined || slots.has(key)) {
      // Once the freed slots are used up, every earlier slot is taken: a fresh one is past them.
      slot = freed[reused++];
      if (slot === undefined) {
        while (taken.has(fresh)) fresh++;
        slot = fresh;
      }
      taken.add(slot);
    }
    slots.set(key, slot);
  }
  return slots;
}
