/**
 * A log on screen, whoever produced it (a container, a pod container): search with highlight (or only
 * matching lines), follow, timestamps, download, ANSI colours. Only the visible lines are in the DOM, so a
 * source printing without pause never freezes the UI. The caller adds its own controls and status.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SearchBox } from '../ViewHeader';
import type { BufferedLine, LogBuffer } from './logBuffer';
import { matches, stripAnsi } from './logSearch';
import { LogLineView } from './LogLineView';
import './logs.css';

const LINE_HEIGHT = 18;

function download(name: string, lines: BufferedLine[]): void {
  const text = lines.map((l) => `${l.time ? `${l.time} ` : ''}${stripAnsi(l.text)}`).join('\n');
  const url = URL.createObjectURL(new Blob([text, '\n'], { type: 'text/plain' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.log`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface LogPanelProps {
  buffer: LogBuffer;
  /** Bumped whenever the buffer changed. */
  version: number;
  /** The download's file name, without .log. */
  name: string;
  timestamps: boolean;
  onTimestamps(on: boolean): void;
  /** Controls before Timestamps: tail, container, previous run. */
  controls?: ReactNode;
  /** After the line count: why the log ended, errors. */
  status?: ReactNode;
  /** What an empty log says. */
  empty?: string;
}

export function LogPanel({ buffer, version, name, timestamps, onTimestamps, controls, status, empty }: LogPanelProps) {
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState('');
  const [onlyMatches, setOnlyMatches] = useState(false);
  const needle = search.trim();

  const indices = useMemo(() => {
    const out: number[] = [];
    for (let i = 0; i < buffer.length; i++) {
      if (!onlyMatches || matches((buffer.at(i) as BufferedLine).text, needle)) out.push(i);
    }
    return out;
  }, [buffer, version, onlyMatches, needle]); // eslint-disable-line react-hooks/exhaustive-deps
  const matchCount = useMemo(() => {
    if (!needle) return 0;
    let n = 0;
    for (let i = 0; i < buffer.length; i++) if (matches((buffer.at(i) as BufferedLine).text, needle)) n++;
    return n;
  }, [buffer, version, needle]); // eslint-disable-line react-hooks/exhaustive-deps

  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: indices.length,
    getScrollElement: () => parent.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
    getItemKey: (i) => (buffer.at(indices[i] ?? -1)?.seq ?? i) as number,
  });
  useEffect(() => {
    if (follow && indices.length) virtualizer.scrollToIndex(indices.length - 1, { align: 'end' });
  }, [follow, indices, virtualizer]);

  const onScroll = () => {
    const el = parent.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < LINE_HEIGHT * 2;
    if (follow && !atBottom) setFollow(false);
    else if (!follow && atBottom) setFollow(true);
  };

  return (
    <div className="logs-tab">
      <div className="toolbar">
        <SearchBox label="Search logs" placeholder="Search" value={search} onValue={setSearch} />
        {needle && (
          <span className="muted" data-testid="log-matches">
            {matchCount} matching
          </span>
        )}
        <label className="check">
          <input type="checkbox" checked={onlyMatches} onChange={(e) => setOnlyMatches(e.target.checked)} />
          Only matching
        </label>
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        <label className="check">
          <input type="checkbox" checked={timestamps} onChange={(e) => onTimestamps(e.target.checked)} />
          Timestamps
        </label>
        {controls}
        <span className="spacer" />
        <button className="small" onClick={() => download(name, buffer.toArray())}>
          Download shown lines
        </button>
      </div>
      <div className="log-status muted" data-testid="log-status">
        {buffer.length.toLocaleString()} lines
        {buffer.dropped > 0 &&
          ` · ${buffer.dropped.toLocaleString()} older lines not kept (Berth keeps the last ${buffer.capacity.toLocaleString()}; change it in Settings)`}
        {status}
      </div>
      <div className="log-view" ref={parent} onScroll={onScroll} data-testid="log-view">
        {indices.length === 0 ? (
          <div className="muted log-empty">
            {needle && onlyMatches ? 'No line matches.' : (empty ?? 'No output yet.')}
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const line = buffer.at(indices[v.index] ?? -1);
              return line ? (
                <div
                  key={v.key}
                  className="log-row"
                  style={{ transform: `translateY(${v.start}px)`, height: LINE_HEIGHT }}
                >
                  <LogLineView line={line} needle={needle} timestamps={timestamps} />
                </div>
              ) : null;
            })}
          </div>
        )}
      </div>
    </div>
  );
}

/** Tail choices every log offers: how many of the last lines to load first. */
export const TAILS: Array<number | 'all'> = [100, 1000, 10_000, 'all'];

export function TailSelect({ tail, onTail }: { tail: number | 'all'; onTail(t: number | 'all'): void }) {
  return (
    <label className="check">
      Last
      <select
        aria-label="Lines to load"
        value={String(tail)}
        onChange={(e) => onTail(e.target.value === 'all' ? 'all' : Number(e.target.value))}
      >
        {TAILS.map((t) => (
          <option key={String(t)} value={String(t)}>
            {t === 'all' ? 'all' : t.toLocaleString()}
          </option>
        ))}
      </select>
      lines
    </label>
  );
}
