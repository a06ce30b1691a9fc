/**
 * A search over every line of a log session: main scans and keeps the matches; this hook holds only the
 * count, how far the scan got, and the current match (its place and line). next/previous ask main for the
 * match after or before a line, wrapping around.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import type { ApiErrorShape } from '../../../contract/errors';
import type { LogSearchEvent } from '../../../contract/logs';

export interface SearchOptions {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export interface LogSearch {
  progress: LogSearchEvent | undefined;
  error: ApiErrorShape | undefined;
  /** The match shown: its place among the matches and its line. */
  current: { index: number; line: number } | undefined;
  /** Moves to the match after (or before) `fromLine`; resolves with its line. */
  step(direction: 'next' | 'previous', fromLine: number): Promise<number | undefined>;
}

export function useLogSearch(session: string | undefined, options: SearchOptions): LogSearch {
  const [progress, setProgress] = useState<LogSearchEvent>();
  const [error, setError] = useState<ApiErrorShape>();
  const [current, setCurrent] = useState<{ index: number; line: number }>();
  const { text, regex, caseSensitive } = options;
  useEffect(() => {
    setProgress(undefined);
    setError(undefined);
    setCurrent(undefined);
    if (!session || !text) return;
    const sub = api.logs.search.subscribe(
      { session, text, regex, caseSensitive },
      {
        onEvent: (e) => {
          setProgress(e);
          if (e.first !== undefined) setCurrent((c) => c ?? { index: 0, line: e.first as number });
        },
        onEnd: (e) => e && setError(e),
      },
    );
    return () => sub.unsubscribe();
  }, [session, text, regex, caseSensitive]);

  const step = useCallback(
    async (direction: 'next' | 'previous', fromLine: number) => {
      if (!session || !progress) return undefined;
      const m = await api.logs.match({ session, search: progress.search, line: fromLine, direction });
      if (m.index === null || m.line === null) return undefined;
      setCurrent({ index: m.index, line: m.line });
      return m.line;
    },
    [session, progress],
  );
  return { progress, error, current, step };
}
