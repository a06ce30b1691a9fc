/**
 * Which of a table's columns fit its width: each column's least width comes from its grid track ("120px",
 * "minmax(140px, 2fr)"; a bare "2fr" may shrink to nothing), and while they do not fit, the columns that
 * declare a `dropOrder` go, lowest first. Columns without one (names, actions, ports) always stay, so a
 * narrower table (a side panel open) loses its least useful columns instead of cutting off its last ones.
 */
export interface FitColumn {
  width: string;
  dropOrder?: number;
}

/** Spacing of a row: the gap between cells and the row's padding (styles.css: .table-head, .tr). */
export const CELL_GAP = 8;
export const ROW_PADDING = 20;

export function leastWidth(track: string): number {
  const px = /^(\d+(?:\.\d+)?)px$/.exec(track.trim()) ?? /^minmax\(\s*(\d+(?:\.\d+)?)px\s*,/.exec(track.trim());
  return px ? Number(px[1]) : 0;
}

/** The columns to show at `available` pixels (all of them while the width is unknown). */
export function fitColumns<C extends FitColumn>(columns: C[], available: number | undefined, extra = 0): C[] {
  if (available === undefined) return columns;
  const need = (cols: C[]) =>
    cols.reduce((n, c) => n + leastWidth(c.width), 0) + CELL_GAP * (cols.length - 1) + ROW_PADDING + extra;
  const droppable = columns
    .filter((c) => c.dropOrder !== undefined)
    .sort((a, b) => (a.dropOrder ?? 0) - (b.dropOrder ?? 0));
  let shown = columns;
  for (const c of droppable) {
    if (need(shown) <= available) break;
    shown = shown.filter((x) => x !== c);
  }
  return shown;
}
