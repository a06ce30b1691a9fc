/**
 * Where a log of any length sits in a scroll box. Browsers cap an element's height (about 33 million
 * pixels in Chromium, less elsewhere), so past `MAX_SCROLL_PX` the scroll range is scaled: the scroll
 * position is a fraction of the log, and the rows on screen are placed from the first line that fraction
 * names. Below it, one line is one row height, as in any list. Pure, so it is tested without a browser.
 */

export const MAX_SCROLL_PX = 8_000_000;

export interface ScrollMap {
  /** The spacer's height. */
  height: number;
  /** The (fractional) line at the top of the view for a scroll position. */
  lineAt(scrollTop: number): number;
  /** The scroll position that puts `line` at the top of the view. */
  scrollFor(line: number): number;
}

export function scrollMap(count: number, rowHeight: number, viewHeight: number): ScrollMap {
  const natural = count * rowHeight;
  const visible = Math.max(1, viewHeight / rowHeight);
  if (natural <= MAX_SCROLL_PX) {
    return {
      height: natural,
      lineAt: (top) => Math.max(0, Math.min(top / rowHeight, Math.max(0, count - visible))),
      scrollFor: (line) => Math.max(0, Math.min(line * rowHeight, natural - viewHeight)),
    };
  }
  const range = MAX_SCROLL_PX - viewHeight;
  const lines = count - visible;
  return {
    height: MAX_SCROLL_PX,
    lineAt: (top) => (Math.max(0, Math.min(top, range)) / range) * lines,
    scrollFor: (line) => (Math.max(0, Math.min(line, lines)) / lines) * range,
  };
}
