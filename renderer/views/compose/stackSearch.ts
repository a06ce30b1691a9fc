/**
 * What the stacks filter box matches: a stack whose name, a service's name or a container's name contains
 * the text. Each stack's lower-cased text is derived once per stack object (the store keeps an unchanged
 * stack's object), not on every keystroke.
 */
import type { ComposeStack } from '../../../contract/compose';
import { oncePerRow, type RowSearch } from '../../components/incrementalFilter';

// A newline cannot be typed into the search box, so no match spans two names.
const haystackOf = oncePerRow((s: ComposeStack) =>
  [s.name, ...s.services.flatMap((v) => [v.name, ...v.containers.map((c) => c.name)])].join('\n').toLowerCase(),
);

/** The stacks filter: a stack's name, or a service's or container's name, containing the needle. */
export const stackSearch: RowSearch<ComposeStack> = { text: haystackOf };
