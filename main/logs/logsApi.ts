/**
 * Main's implementation of the logs contract: windows of lines, search, matches, time jumps, downloads and
 * close, over the log sessions that `containers.logSession` and `kube.podLogSession` open (main/common/logs).
 */
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { ApiImplementation } from '../../contract/api';
import { OK } from '../../contract/collection';
import { ApiError } from '../../contract/errors';
import { parseTime } from '../common/logs/logTime';
import type { Services } from '../services';

const PROGRESS_INTERVAL_MS = 50;

export function logsApi({ logSessions, shell }: Pick<Services, 'logSessions' | 'shell'>): ApiImplementation['logs'] {
  return {
    read: async ({ session, from, to }) => ({ lines: await logSessions.get(session).spool.readLines(from, to) }),

    search: ({ session, text, regex, caseSensitive }, sink, signal) => {
      const s = logSessions.get(session);
      let id = '';
      let timer: NodeJS.Timeout | undefined;
      let latest: { count: number; scanned: number; done: boolean } | undefined;
      let sentAt = 0;
      const send = () => {
        clearTimeout(timer);
        timer = undefined;
        if (!latest || signal.aborted) return;
        sentAt = Date.now();
        const first = s.searches.get(id)?.matches.at(0);
        sink.next({ search: id, ...latest, ...(first === undefined ? {} : { first }) });
        latest = undefined;
      };
      try {
        id = s.search({ text, regex, caseSensitive }, (p) => {
          latest = p;
          if (Date.now() - sentAt >= PROGRESS_INTERVAL_MS) send();
          else timer ??= setTimeout(send, PROGRESS_INTERVAL_MS);
        });
      } catch (e) {
        throw new ApiError(
          'invalid_input',
          `Not a regular expression: ${(e as Error).message}`,
          'Fix the pattern, or turn off "Regex" to search for the text as it is.',
        );
      }
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          s.endSearch(id);
        },
        { once: true },
      );
    },

    match: async ({ session, search, line, direction }) => {
      const m = logSessions.get(session).findSearch(search).matches;
      let i = m.firstAtOrAfter(direction === 'next' ? line + 1 : line);
      if (direction === 'previous') i -= 1;
      // Past either end, next and previous wrap around.
      if (direction === 'next' && i >= m.count) i = 0;
      if (direction === 'previous' && i < 0) i = m.count - 1;
      const at = m.at(i);
      return at === undefined ? { index: null, line: null, count: m.count } : { index: i, line: at, count: m.count };
    },

    lineAtTime: async ({ session, time }) => {
      const s = logSessions.get(session);
      const t = parseTime(time);
      if (!t) throw new ApiError('invalid_input', `"${time}" is not a time.`, 'Write it like 2024-05-01T10:00:00Z.');
      return { line: await s.spool.lineAtTime(t) };
    },

    download: async ({ session }) => {
      const s = logSessions.get(session);
      if (shell.kind === 'web') return { url: `/logs/download/${logSessions.downloadToken(session)}` };
      const path = await shell.savePath({ title: 'Save the whole log', defaultName: `${s.name}.log` });
      if (!path) return {};
      await pipeline(s.spool.textStream(), createWriteStream(path));
      return { path };
    },

    close: async ({ session }) => (await logSessions.close(session), OK),
  };
}
