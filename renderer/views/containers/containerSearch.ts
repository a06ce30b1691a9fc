/**
 * What the containers filter box matches: name, image or compose project containing the text, or an id
 * starting with it. Each container's lower-cased text is derived once (per container object: the store
 * keeps an unchanged container's object), not on every keystroke.
 */
import type { ContainerSummary } from '../../../contract/containers';

const haystacks = new WeakMap<ContainerSummary, string>();

function haystackOf(c: ContainerSummary): string {
  let h = haystacks.get(c);
  if (h === undefined) {
    // A newline cannot be typed into the search box, so no match spans two fields.
    h = `${c.name}\n${c.image}\n${c.composeProject ?? ''}`.toLowerCase();
    haystacks.set(c, h);
  }
  return h;
}

/** `needle` is trimmed and lower-cased (incrementalFilter.normalizeQuery). Monotone, as incremental filtering needs. */
export const containerMatches = (c: ContainerSummary, needle: string): boolean =>
  c.id.startsWith(needle) || haystackOf(c).includes(needle);
