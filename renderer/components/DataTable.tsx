/** A virtualised, sortable table: only the rows on screen are in the DOM, so 2,000 rows stay smooth. */
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { fitColumns } from './fitColumns';

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

/** The table's width, followed as it changes (a side panel opening, the window resized). */
function useWidth(ref: React.RefObject<HTMLElement | null>): number | undefined {
  const [width, setWidth] = useState<number | undefined>();
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

export interface DataTableProps<T> {
  rows: T[];
  /**
   * Which rows to show. Applied after sorting, so a filter keystroke filters the already-sorted rows
   * instead of sorting again; pass a memoised function.
   */
  filter?: (row: T) => boolean;
  columns: Column<T>[];
  rowKey(row: T): string;
  onOpen?(row: T): void;
  selected?: ReadonlySet<string>;
  onToggleSelect?(key: string): void;
  empty: ReactNode;
  testId?: string;
  initialSort?: { key: string; desc: boolean };
  rowClass?(row: T): string;
}

const ROW_HEIGHT = 40;

export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, rowKey } = props;
  const table = useRef<HTMLDivElement>(null);
  const width = useWidth(table);
  const selectable = Boolean(props.onToggleSelect);
  const columns = useMemo(
    () => fitColumns(props.columns, width, (selectable ? 32 + 8 : 0) + SCROLLBAR),
    [props.columns, width, selectable],
  );
  const [sort, setSort] = useState(props.initialSort);
  const allColumns = props.columns;
  const sorted = useMemo(() => {
    // Sorted by any column, shown or not.
    const col = allColumns.find((c) => c.key === sort?.key);
    if (!col?.sortValue || !sort) return rows;
    const value = col.sortValue;
    const dir = sort.desc ? -1 : 1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
  }, [rows, allColumns, sort]);
  const filter = props.filter;
  const shown = useMemo(() => (filter ? sorted.filter(filter) : sorted), [sorted, filter]);
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const template = `${selectable ? '32px ' : ''}${columns.map((c) => c.width).join(' ')}`;
  return (
    <div
      ref={table}
      className="table"
      role="table"
      data-testid={props.testId}
      data-rows={shown.length}
      data-hidden-columns={props.columns.length - columns.length || undefined}
    >
      <div className="table-head" role="row" style={{ gridTemplateColumns: template }}>
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
            {virtualizer.getVirtualItems().map((v) => {
              const row = shown[v.index] as T;
              const key = rowKey(row);
              return (
                <div
                  key={key}
                  role="row"
                  data-key={key}
                  className={`tr ${props.selected?.has(key) ? 'selected' : ''} ${props.rowClass?.(row) ?? ''}`}
                  style={{ gridTemplateColumns: template, transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                  onDoubleClick={() => props.onOpen?.(row)}
                  onKeyDown={(e) => e.key === 'Enter' && props.onOpen?.(row)}
                  tabIndex={0}
                >
                  {selectable && (
                    <span role="cell">
                      <input
                        type="checkbox"
                        aria-label="Select row"
                        checked={props.selected?.has(key) ?? false}
                        onChange={() => props.onToggleSelect?.(key)}
                      />
                    </span>
                  )}
                  {columns.map((c) => (
                    <span role="cell" key={c.key} className={`td td-${c.key}`}>
                      {c.render(row)}
                    </span>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
