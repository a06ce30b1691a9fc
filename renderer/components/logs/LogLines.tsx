/**
 * The scroll box of a log of any length: only the rows on screen are in the DOM, fetched through a
 * LineWindow, placed by a ScrollMap (which scales the scroll range past what a browser can lay out). It
 * follows the end while `follow` is on, turns it off when the user scrolls up and on again at the bottom,
 * and scrolls a line into view when `jump` changes.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { LogLineView } from './LogLineView';
import type { LineWindow } from './lineWindow';
import { scrollMap } from './scrollMap';

const ROW = 18;
/** Rows fetched beyond the screen on each side. */
const AHEAD = 100;

export interface LogLinesProps {
  count: number;
  lines: LineWindow;
  /** Bumped when a page of lines arrived. */
  version: number;
  pattern: RegExp | undefined;
  timestamps: boolean;
  /** The current search match's line: marked. */
  currentLine: number | undefined;
  follow: boolean;
  onFollow(on: boolean): void;
  /** Scrolls `line` into view (a third down the screen) whenever `seq` changes. */
  jump: { line: number; seq: number } | undefined;
  /** Hears the top line as the view scrolls (where next/previous start from). */
  onTop(line: number): void;
  empty: string;
}

export function LogLines(p: LogLinesProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const map = useMemo(() => scrollMap(p.count, ROW, viewHeight), [p.count, viewHeight]);
  const programmatic = useRef(false);
  /** The count the box was last scrolled to the end for, while following. */
  const followedTo = useRef(-1);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setViewHeight(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const scrollTo = (top: number) => {
    const el = box.current;
    if (!el) return;
    const target = Math.max(0, Math.min(top, el.scrollHeight - el.clientHeight));
    if (Math.abs(el.scrollTop - target) >= 1) {
      programmatic.current = true;
      el.scrollTop = target;
    }
    setScrollTop(el.scrollTop);
  };

  // Follow the end as the log grows.
  useLayoutEffect(() => {
    if (p.follow && p.count) {
      scrollTo(map.height);
      followedTo.current = p.count;
    }
  }, [p.follow, p.count, map]);

  // Jump to a line.
  useLayoutEffect(() => {
    if (!p.jump) return;
    const rows = viewHeight / ROW;
    scrollTo(map.scrollFor(Math.max(0, p.jump.line - Math.floor(rows / 3))));
  }, [p.jump?.seq]); // eslint-disable-line react-hooks/exhaustive-deps

  // Following, the render that brings a new count shows the end at once (the layout effect above moves the
  // scroll box there), not the old place first and then the end; any other render shows where the box is.
  const toEnd = p.follow && p.count > 0 && followedTo.current !== p.count;
  const top = map.lineAt(toEnd ? Math.max(0, map.height - viewHeight) : scrollTop);
  const first = Math.floor(top);
  const visible = Math.ceil(viewHeight / ROW) + 1;
  const last = Math.min(p.count, first + visible);

  useEffect(() => {
    p.lines.want(first - AHEAD, last + AHEAD);
    p.onTop(first);
  }, [first, last, p.count, p.lines]); // eslint-disable-line react-hooks/exhaustive-deps

  const frame = useRef(0);
  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    const wasProgrammatic = programmatic.current;
    programmatic.current = false;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 2;
    if (!wasProgrammatic) {
      if (p.follow && !atBottom) p.onFollow(false);
      else if (!p.follow && atBottom && p.count > 0) p.onFollow(true);
    }
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(el.scrollTop));
  };

  // A row is keyed by its slot on screen (its line modulo the rows a screen holds), not its line: as the
  // view moves (a fast follow moves it a screen at a time) the same elements take the next lines instead of
  // being removed and made again. They stay in line order in the DOM (React moves some), so a selection
  // across rows copies in order and the rows read in order.
  const rows = [];
  for (let n = first; n < last; n++) {
    rows.push(
      <div
        key={n % visible}
        className={`log-row${n === p.currentLine ? ' current-match' : ''}`}
        style={{ transform: `translateY(${(n - top) * ROW}px)`, height: ROW }}
      >
        <LogLineView line={p.lines.get(n)} pattern={p.pattern} timestamps={p.timestamps} />
      </div>,
    );
  }
  const windowHeight = Math.min(viewHeight, map.height);
  return (
    <div className="log-view" ref={box} onScroll={onScroll} data-testid="log-view" data-top-line={first}>
      {p.count === 0 ? (
        <div className="muted log-empty">{p.empty}</div>
      ) : (
        <div style={{ height: map.height, position: 'relative' }}>
          <div
            className="log-window"
            style={{
              transform: `translateY(${Math.min(scrollTop, map.height - windowHeight)}px)`,
              height: windowHeight,
            }}
          >
            {rows}
          </div>
        </div>
      )}
    </div>
  );
}
