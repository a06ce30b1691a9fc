/**
 * Whether the table row a cell is in is on screen, not just rendered ahead of scrolling (the virtualised
 * table renders a few overscan rows above and below the viewport). Cells that fetch live data (the
 * containers table's CPU and memory) fetch only while it is true. Outside a table it is true.
 */
import { createContext, useContext } from 'react';

export const RowInViewContext = createContext(true);

export const useRowInView = (): boolean => useContext(RowInViewContext);

/** Whether row `index` is in the viewport's range (first and last row at least partly shown, inclusive). */
export const inRange = (index: number, range: { startIndex: number; endIndex: number } | null): boolean =>
  range !== null && index >= range.startIndex && index <= range.endIndex;
