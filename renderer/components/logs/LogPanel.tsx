/**
 * A whole log on screen, whoever produced it (a container, a pod container), kept by main as a log
 * session: scroll to any line, search every line (plain or regex, with or without case; the count, and
 * next/previous through the matches), jump to a line or a time, follow the end, timestamps, ANSI colours,
 * and download the whole text. The caller opens the session and adds its own controls and status.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../../api';
import { errorLine, toApiError } from '../../common/apiError';
import { SearchBox } from '../ViewHeader';
import { LineWindow } from './lineWindow';
import { LogLines } from './LogLines';
import { searchPattern } from './logSearch';
import { useLogSearch } from './useLogSearch';
import type { LogSessionView } from './useLogSession';
import './logs.css';

export interface LogPanelProps {
  log: LogSessionView;
  /** Controls after Timestamps: container, previous run. */
  controls?: ReactNode;
  /** After the line count: why the log ended, errors. */
  status?: ReactNode;
  /** What an empty log says. */
  empty?: string;
}

const GiB = 1024 ** 3;
const size = (bytes: number) =>
  bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2).toLocaleString()} MiB`;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function LogPanel({ log, controls, status, empty }: LogPanelProps) {
  const { session, state } = log;
  const count = state?.lines ?? 0;
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [search, setSearch] = useState('');
  const [regex, setRegex] = useState(false);
  const [matchCase, setMatchCase] = useState(false);
  const [jump, setJump] = useState<{ line: number; seq: number }>();
  const [topLine, setTopLine] = useState(0);
  const [time, setTime] = useState('');
  const [lineInput, setLineInput] = useState('');
  const [note, setNote] = useState<string>();
  const [version, setVersion] = useState(0);
  const text = useDebounced(search.trim(), 250);
  const found = useLogSearch(session, { text, regex, caseSensitive: matchCase });
  const pattern = useMemo(() => searchPattern(text, regex, matchCase), [text, regex, matchCase]);

  const lines = useMemo(() => {
    let frame = 0;
    return new LineWindow(
      async (from, to) => (session ? (await api.logs.read({ session, from, to })).lines : []),
      () => {
        if (frame) return;
        frame = requestAnimationFrame(() => {
          frame = 0;
          setVersion((v) => v + 1);
        });
      },
    );
  }, [session]);
  lines.setCount(count);

  const goTo = (line: number) => {
    setFollow(false);
    setJump((j) => ({ line, seq: (j?.seq ?? 0) + 1 }));
  };

  // The first match: show it.
  const firstMatch = found.current?.index === 0 ? found.current.line : undefined;
  useEffect(() => {
    if (firstMatch !== undefined) goTo(firstMatch);
  }, [firstMatch, found.progress?.search]);

  const step = (direction: 'next' | 'previous') => {
    const from = found.current?.line ?? (direction === 'next' ? topLine - 1 : topLine);
    void found.step(direction, from).then((line) => line !== undefined && goTo(line));
  };

  const jumpToTime = async () => {
    if (!session || !time) return;
    const when = new Date(time);
    if (Number.isNaN(when.getTime())) return;
    try {
      const { line } = await api.logs.lineAtTime({ session, time: when.toISOString() });
      setNote(line >= count ? 'Every line is older than that time: showing the end.' : undefined);
      goTo(Math.min(line, Math.max(0, count - 1)));
    } catch (e) {
      setNote(errorLine(toApiError(e)));
    }
  };

  const download = async () => {
    if (!session) return;
    try {
      const r = await api.logs.download({ session });
      if (r.url) {
        const a = document.createElement('a');
        a.href = r.url;
        a.download = '';
        a.click();
      } else if (r.path) setNote(`Saved to ${r.path}`);
    } catch (e) {
      setNote(errorLine(toApiError(e)));
    }
  };

  const progress = found.progress;
  return (
    <div className="logs-tab">
      <div className="toolbar">
        <span
          onKeyDown={(e) => {
            if (e.key === 'Enter') step(e.shiftKey ? 'previous' : 'next');
          }}
        >
          <SearchBox label="Search logs" placeholder="Search every line" value={search} onValue={setSearch} />
        </span>
        <label className="check" title="Search with a regular expression">
          <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} />
          Regex
        </label>
        <label className="check">
          <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />
          Match case
        </label>
        {text && progress && (
          <>
            <span className="muted" data-testid="log-matches">
              {progress.count.toLocaleString()} matching
            </span>
            <span className="muted" data-testid="log-match-position">
              {found.current && progress.count
                ? `${(found.current.index + 1).toLocaleString()} of ${progress.count.toLocaleString()}`
                : ''}
              {!progress.done && ` · searching, ${Math.floor((100 * progress.scanned) / Math.max(1, count))} %`}
            </span>
            <button
              className="small"
              aria-label="Previous match"
              disabled={!progress.count}
              onClick={() => step('previous')}
            >
              ↑
            </button>
            <button className="small" aria-label="Next match" disabled={!progress.count} onClick={() => step('next')}>
              ↓
            </button>
          </>
        )}
        {found.error && <span className="bad-text">{found.error.message}</span>}
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
          Follow
        </label>
        <label className="check">
          <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
          Timestamps
        </label>
        {controls}
        <span className="spacer" />
        <form
          className="log-jump"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(lineInput);
            if (Number.isInteger(n) && n >= 1) goTo(Math.min(n, count) - 1);
          }}
        >
          <input
            aria-label="Go to line"
            type="number"
            min={1}
            placeholder="Line"
            value={lineInput}
            onChange={(e) => setLineInput(e.target.value)}
          />
        </form>
        <form
          className="log-jump"
          onSubmit={(e) => {
            e.preventDefault();
            void jumpToTime();
          }}
        >
          <input
            aria-label="Jump to time"
            type="datetime-local"
            step={1}
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
          <button className="small" type="submit" disabled={!time}>
            Go
          </button>
        </form>
        <button className="small" onClick={() => void download()} disabled={!session}>
          Download whole log
        </button>
      </div>
      <div className="log-status muted" data-testid="log-status">
        {count.toLocaleString()} lines
        {state?.following && ' · following'}
        {state?.capped &&
          ` · Berth keeps at most ${size(state.maxBytes)} of one log on disk and reached it: ${state.notKept.toLocaleString()} later lines were not kept (the engine still has them)`}
        {note && ` · ${note}`}
        {status}
      </div>
      <LogLines
        count={count}
        lines={lines}
        version={version}
        pattern={pattern}
        timestamps={timestamps}
        currentLine={found.current?.line}
        follow={follow}
        onFollow={setFollow}
        jump={jump}
        onTop={setTopLine}
        empty={state ? (empty ?? 'No output yet.') : 'Opening the log…'}
      />
    </div>
  );
}
