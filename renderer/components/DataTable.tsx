/**
 * A virtualised, sortable table: only the rows on screen (and a few either side) are in the DOM, each row
 * memoised with its cells memoised apart from its place, the rows sorted once and searched incrementally.
 * The search reads the table's query store (tableQuery.ts) outside rendering: a keystroke that leaves the
 * shown rows as they are renders nothing, one that changes them renders this table alone, and the row
 * elements on screen are reused for the rows that replace them (rowSlots.ts), so what a keystroke costs
 * depends on the rows on screen, not on how many there are. Cells learn whether their row is in the
 * viewport (rowInView.ts), so live cells poll only for rows that are seen. The columns shown are those that
 * fit the table's width (useFittedColumns.ts).
 */
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { createIncrementalFilter, type RowSearch } from './incrementalFilter';
import { whenIdle } from '../common/whenIdle';
import { inRange, RowInViewContext } from './rowInView';
import { assignSlots } from './rowSlots';
import type { TableQuery } from './tableQuery';
import { useFittedColumns } from './useFittedColumns';

export interface Column<T> {
  key: string;
  header: string;
  /** CSS grid track, e.g. '2fr' or '120px'. */
  width: string;
  render(row: T): ReactNode;
  sortValue?(row: T): string | number;
  /** When the table is too narrow for every column, columns with a drop order are hidden, lowest first. */
  dropOrder?: number;
}

/** Scroll bar room the rows may lose to a vertical scroll bar. */
const SCROLLBAR = 16;

export interface DataTableProps<T> {
  rows: T[];
  /**
   * Which rows to show. Applied after sorting, so a change of it filters the already-sorted rows instead
   * of sorting again; pass a memoised function.
   */
  filter?: (row: T) => boolean;
  /**
   * Text search over the filtered rows, narrowed incrementally as the query grows (incrementalFilter.ts).
   * The table subscribes to the query store itself; pass a memoised object.
   */
  search?: { query: TableQuery; fields: RowSearch<T> };
  columns: Column<T>[];
  rowKey(row: T): string;
  onOpen?(row: T): void;
  selected?: ReadonlySet<string>;
  onToggleSelect?(key: string): void;
  empty: ReactNode;
  testId?: string;
  initialSort?: { key: string; desc: boolean };
  rowClass?(row: T): string;
  /**
   * Told whether any row is shown, each time that changes (before the browser paints): what a control beside
   * the table needs (a select-all box), without scanning the rows a second time on each keystroke.
   */
  onAnyShown?(anyShown: boolean): void;
}

const ROW_HEIGHT = 40;

const noQuery = () => () => {};

interface RowHandlers<T> {
  onOpen?(row: T): void;
  onToggleSelect?(key: string): void;
}

interface RowProps<T> {
  row: T;
  rowKey: string;
  columns: Column<T>[];
  start: number;
  className: string;
  selectable: boolean;
  selected: boolean;
  /** In the viewport, not an overscan row: cells that poll live data poll only then (rowInView.ts). */
  inView: boolean;
  /** Stable: reads the table's latest handlers, so a parent's re-render does not repaint every row. */
  handlers: React.RefObject<RowHandlers<T>>;
}

type CellsProps<T> = Pick<RowProps<T>, 'row' | 'rowKey' | 'columns' | 'selectable' | 'selected' | 'handlers'>;

/**
 * A row's cells; memoised apart from the row's place, so a row that only moves (scrolling, rows above it
 * filtered out) repaints its positioned element, not its cells.
 */
function CellsView<T>({ row, rowKey: key, columns, selectable, selected, handlers }: CellsProps<T>) {
  return (
    <>
      {selectable && (
        <span role="cell">
          <input
            type="checkbox"
            aria-label="Select row"
            checked={selected}
            onChange={() => handlers.current.onToggleSelect?.(key)}
          />
        </span>
      )}
      {columns.map((c) => (
        <span role="cell" key={c.key} className={`td td-${c.key}`}>
          {c.render(row)}
        </span>
      ))}
    </>
  );
}
const Cells = memo(CellsView) as typeof CellsView;

/** One row: the positioned element, memoised; its cells repaint only when its data, selection or the columns change. */
function RowView<T>({
  row,
  rowKey: key,
  columns,
  start,
  className,
  selectable,
  selected,
  inView,
  handlers,
}: RowProps<T>) {
  return (
    <div
      role="row"
      data-key={key}
      className={className}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT }}
      onDoubleClick={() => handlers.current.onOpen?.(row)}
      onKeyDown={(e) => e.key === 'Enter' && handlers.current.onOpen?.(row)}
      tabIndex={0}
    >
      <RowInViewContext value={inView}>
        <Cells<T>
          row={row}
          rowKey={key}
          columns={columns}
          selectable={selectable}
          selected={selected}
          handlers={handlers}
        />
      </RowInViewContext>
    </div>
  );
}
const Row = memo(RowView) as typeof RowView;

export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, rowKey } = props;
  const table = useRef<HTMLDivElement>(null);
  const selectable = Boolean(props.onToggleSelect);
  const columns = useFittedColumns(table, props.columns, (selectable ? 32 + 8 : 0) + SCROLLBAR);
  const [sort, setSort] = useState(props.initialSort);
  const allColumns = props.columns;
  const sorted = useMemo(() => {
    // Sorted by any column, shown or not.
    const col = allColumns.find((c) => c.key === sort?.key);
    if (!col?.sortValue || !sort) return rows;
    const value = col.sortValue;
    const dir = sort.desc ? -1 : 1;
    // Each row's sort value is read once, not once per comparison.
    const keyed = rows.map((row) => ({ row, v: value(row) }));
    keyed.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : 0) * dir);
    return keyed.map((k) => k.row);
  }, [rows, allColumns, sort]);
  const filter = props.filter;
  const filtered = useMemo(() => (filter ? sorted.filter(filter) : sorted), [sorted, filter]);
  const fields = props.search?.fields;
  const incremental = useMemo(() => (fields ? createIncrementalFilter(fields) : undefined), [fields]);
  const query = props.search?.query;
  // Called on each keystroke outside rendering: the same array back (the shown rows unchanged) renders nothing.
  const shown = useSyncExternalStore(query?.subscribe ?? noQuery, () =>
    incremental && query ? incremental.apply(filtered, query.getState().text) : filtered,
  );
  const anyShown = shown.length > 0;
  const onAnyShown = props.onAnyShown;
  useLayoutEffect(() => {
    onAnyShown?.(anyShown);
  }, [onAnyShown, anyShown]);
  // Each row's searched text is read once the rows are on screen and the page is idle, not by the first keystroke.
  useEffect(
    () => (incremental ? whenIdle(() => incremental.prepare(filtered), 2000) : undefined),
    [incremental, filtered],
  );
  const handlers = useRef<RowHandlers<T>>({});
  useLayoutEffect(() => {
    handlers.current = { onOpen: props.onOpen, onToggleSelect: props.onToggleSelect };
  });
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    // A few rows either side keep a fast scroll from showing blanks; every rendered row costs on each change.
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  // The rows in the viewport (getVirtualItems computes it; the items add the overscan rows around it).
  const range = virtualizer.range;
  // Each row on screen is drawn in a slot's element; the slots of the last committed render are kept.
  const placed = useRef<ReadonlyMap<string, number>>(new Map());
  const slots = assignSlots(
    placed.current,
    items.map((v) => rowKey(shown[v.index] as T)),
  );
  useLayoutEffect(() => {
    placed.current = slots;
  });
  // The columns' widths, set once on the table for its head and every row (styles.css): a row's own style is
  // its place, and a change of columns restyles the rows without rendering them again.
  const template = `${selectable ? '32px ' : ''}${columns.map((c) => c.width).join(' ')}`;
  return (
    <div
      ref={table}
      className="table"
      style={{ '--table-columns': template } as React.CSSProperties}
      role="table"
      data-testid={props.testId}
      data-rows={shown.length}
      data-hidden-columns={props.columns.length - columns.length || undefined}
    >
      <div className="table-head" role="row">
        {selectable && <span role="columnheader" />}
        {columns.map((c) => (
          <button
            key={c.key}
            role="columnheader"
            className="th"
            disabled={!c.sortValue}
            aria-sort={sort?.key === c.key ? (sort.desc ? 'descending' : 'ascending') : undefined}
            onClick={() => setSort({ key: c.key, desc: sort?.key === c.key ? !sort.desc : false })}
          >
            {c.header}
            {sort?.key === c.key ? (sort.desc ? ' ▾' : ' ▴') : ''}
          </button>
        ))}
      </div>
      <div className="table-body" ref={parent}>
        {shown.length === 0 ? (
          <div className="table-empty">{props.empty}</div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((v) => {
              const row = shown[v.index] as T;
              const key = rowKey(row);
              const selected = props.selected?.has(key) ?? false;
              return (
                <Row<T>
                  key={slots.get(key)}
                  row={row}
                  rowKey={key}
                  columns={columns}
                  start={v.start}
                  className={`tr ${selected ? 'selected' : ''} ${props.rowClass?.(row) ?? ''}`}
                  selectable={selectable}
                  selected={selected}
                  inView={inRange(v.index, range)}
                  handlers={handlers}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
