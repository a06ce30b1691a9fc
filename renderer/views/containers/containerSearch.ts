/**
 * What the containers filter box matches: name, image or compose project containing the text, or an id
 * starting with it. Each container's lower-cased text is derived once (per container object: the store
 * keeps an unchanged container's object), not on every keystroke.
 */
import type { ContainerSummary } from '../../../contract/containers';
import { oncePerRow, type RowSearch } from '../../components/incrementalFilter';
import type { ContainerRow } from './groupRows';

// A newline cannot be typed into the search box, so no match spans two fields.
const haystackOf = oncePerRow((c: ContainerSummary) =>
  `${c.name}\n${c.image}\n${c.composeProject ?? ''}`.toLowerCase(),
);

export const containerSearch: RowSearch<ContainerSummary> = { text: haystackOf, id: (c) => c.id };

/** The table's rows: a container row as its container; a stack's group row is not searched (always shown). */
export const containerRowSearch: RowSearch<ContainerRow> = {
  text: (r) => (r.kind === 'container' ? haystackOf(r.c) : undefined),
  id: (r) => (r.kind === 'container' ? r.c.id : ''),
};
