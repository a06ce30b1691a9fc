/** The head of a list view: title, a summary, and on the right its filter box and whatever controls follow. */
import type { ReactNode } from 'react';

interface Props {
  /** The heading's id, for the view's aria-labelledby. */
  titleId: string;
  title: string;
  summary: ReactNode;
  filter: string;
  onFilter(value: string): void;
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
      <SearchBox
        label={props.filterLabel}
        placeholder={props.filterPlaceholder}
        value={props.filter}
        onValue={props.onFilter}
      />
      {props.children}
    </ViewHead>
  );
}

/** A search box; `onValue` gets what is typed. */
export function SearchBox(props: { label: string; placeholder: string; value: string; onValue(value: string): void }) {
  return (
    <input
      type="search"
      placeholder={props.placeholder}
      value={props.value}
      onChange={(e) => props.onValue(e.target.value)}
      aria-label={props.label}
    />
  );
}
