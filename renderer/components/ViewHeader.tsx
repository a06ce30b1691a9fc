/**
 * The head of a list view: title, a summary, and on the right its filter box and whatever controls follow.
 * The filter box writes the table's query store (tableQuery.ts): a keystroke renders nothing but the table,
 * and the table only when its rows change. A search that is not a table's (logs, inspect, stacks) uses
 * SearchBox, which keeps what is typed itself and hands it on in a transition.
 */
import { useEffect, useLayoutEffect, useRef, useState, useTransition, type ReactNode } from 'react';
import { handedOn } from './handedOn';
import type { TableQuery } from './tableQuery';

interface Props {
  /** The heading's id, for the view's aria-labelledby. */
  titleId: string;
  title: string;
  summary: ReactNode;
  /** The table's query store, which the filter box writes. */
  filter: TableQuery;
  filterLabel: string;
  filterPlaceholder: string;
  children?: ReactNode;
}

/** A view's title bar: the heading (its id for the view's aria-labelledby), then the given controls. */
export function ViewHead({ titleId, title, children }: { titleId?: string; title: string; children?: ReactNode }) {
  return (
    <header className="view-head">
      <h1 id={titleId}>{title}</h1>
      {children}
    </header>
  );
}

export function ViewHeader(props: Props) {
  return (
    <ViewHead titleId={props.titleId} title={props.title}>
      <span className="muted">{props.summary}</span>
      <span className="spacer" />
      <QueryBox label={props.filterLabel} placeholder={props.filterPlaceholder} query={props.filter} />
      {props.children}
    </ViewHead>
  );
}

/**
 * A search box. It shows what is typed at once; `onValue` gets it in a transition (useTransition), so the
 * caller's re-render (filtering a big table, searching logs) never holds up the next keystroke. A `value`
 * the caller sets itself (not one the box handed on, handedOn.ts) replaces the text; once the box's
 * transitions have all committed, any value the caller sets is its own.
 */
export function SearchBox(props: { label: string; placeholder: string; value: string; onValue(value: string): void }) {
  const { value, onValue } = props;
  const [text, setText] = useState(value);
  const [handing, startTransition] = useTransition();
  const [sent] = useState(handedOn);
  useLayoutEffect(() => {
    if (!sent.arrived(value)) setText(value);
  }, [value, sent]);
  // After the effect above: the commit of the last transition brings its value, if it changed, first.
  useLayoutEffect(() => {
    if (!handing) sent.settled();
  }, [handing, sent]);
  return (
    <input
      type="search"
      placeholder={props.placeholder}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        sent.sent(next);
        startTransition(() => onValue(next));
      }}
      aria-label={props.label}
    />
  );
}

/**
 * A table's search box: what is typed goes straight to the table's query store, and the input keeps its own
 * text (uncontrolled), so a keystroke renders nothing in React — the table re-renders only if its rows
 * change. A text the view sets in the store (clearing it) is written into the input.
 */
export function QueryBox(props: { label: string; placeholder: string; query: TableQuery }) {
  const { query } = props;
  const input = useRef<HTMLInputElement>(null);
  useEffect(
    () =>
      query.subscribe(({ text }) => {
        if (input.current && input.current.value !== text) input.current.value = text;
      }),
    [query],
  );
  return (
    <input
      ref={input}
      type="search"
      placeholder={props.placeholder}
      defaultValue={query.getState().text}
      onChange={(e) => query.setState({ text: e.target.value })}
      aria-label={props.label}
    />
  );
}
