/**
 * What an empty table says: still loading, nothing matches the filter, or nothing at all. It reads whether
 * anything is typed in the table's query itself, and it is drawn only while the table is empty, so the
 * keystroke that types the first character or clears the box renders no view: the view read it before, to
 * pick this text, and each such keystroke rendered the whole view and its table.
 */
import { useQueryTyped, type TableQuery } from './tableQuery';

export function TableEmpty(props: {
  loaded: boolean;
  query: TableQuery;
  /** A filter other than the text is narrowing the rows (a state, a usage). */
  filtered: boolean;
  noMatch: string;
  none: string;
}) {
  const typed = useQueryTyped(props.query);
  if (!props.loaded) return <>Loading…</>;
  return <>{typed || props.filtered ? props.noMatch : props.none}</>;
}
