/**
 * Logs without a ceiling: a container's or a pod container's whole log, kept by main on disk while a view
 * has it open (a log session), and served in windows. `containers.logSession` and `kube.podLogSession`
 * open one and report its state as it grows; the calls here read lines, search every line (plain or
 * regular expression), step through the matches, jump to a time, download the whole text, and close.
 * Unsubscribing from the opening stream closes the session too, and deletes what main kept.
 */
import { z } from 'zod';
import { call, stream } from './define';
import { Ok } from './collection';
import { ApiErrorShape } from './errors';

export const LogSessionId = z.string().min(1).max(100);

export const LogSessionState = z.object({
  type: z.literal('state'),
  /** Lines kept so far; grows while the log is followed. */
  lines: z.number().int().min(0),
  /** Bytes of text kept so far. */
  bytes: z.number().min(0),
  /** The source still sends (a running container). */
  following: z.boolean(),
  /** The disk cap was reached: lines after it were not kept. */
  capped: z.boolean(),
  /** Lines not kept because of the cap. */
  notKept: z.number().int().min(0),
  /** Disk one log may use (text and index). */
  maxBytes: z.number().min(0),
  /** Why the log stopped early (the container went away, the disk filled up). */
  error: ApiErrorShape.optional(),
});
export type LogSessionState = z.infer<typeof LogSessionState>;

export const LogSessionEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), session: LogSessionId }),
  LogSessionState,
]);
export type LogSessionEvent = z.infer<typeof LogSessionEvent>;

export const SessionLine = z.object({
  /** The line's number in the log, from 0. */
  n: z.number().int().min(0),
  stream: z.enum(['stdout', 'stderr']),
  /** The text as printed (ANSI colours kept); a line over 16,384 characters is cut (the download has it whole). */
  text: z.string(),
  /** RFC 3339 with nine fractional digits, UTC; absent when the source gave the line no time. */
  time: z.string().optional(),
});
export type SessionLine = z.infer<typeof SessionLine>;

const Session = z.object({ session: LogSessionId });

export const LogSearchInput = Session.extend({
  text: z
    .string()
    .min(1)
    .max(1000)
    .refine((t) => !t.includes('\n'), { error: 'A search is for one line: no line breaks.' }),
  /** The text is a JavaScript regular expression. */
  regex: z.boolean().default(false),
  caseSensitive: z.boolean().default(false),
});
export type LogSearchInput = z.input<typeof LogSearchInput>;

export const LogSearchEvent = z.object({
  /** Names the search for `logs.match`. */
  search: z.string(),
  /** Matching lines so far (a line counts once, as `grep -c` counts). */
  count: z.number().int().min(0),
  /** Lines scanned so far. */
  scanned: z.number().int().min(0),
  /** Every line kept so far was scanned; a followed log's new lines are scanned as they come. */
  done: z.boolean(),
  /** The first matching line, once there is one: where the view goes first. */
  first: z.number().int().min(0).optional(),
});
export type LogSearchEvent = z.infer<typeof LogSearchEvent>;

export const logs = {
  /** Lines [from, to) of a session's log (at most 5,000 at once); fewer at the end. */
  read: call(
    Session.extend({ from: z.number().int().min(0), to: z.number().int().min(0) }).refine(
      (r) => r.to >= r.from && r.to - r.from <= 5000,
      { error: 'Read at most 5,000 lines at once (from ≤ to).' },
    ),
    z.object({ lines: z.array(SessionLine) }),
  ),
  /** Searches every line kept; the count grows as it scans. Ends when unsubscribed. */
  search: stream(LogSearchInput, LogSearchEvent),
  /**
   * A search's match nearest a line: 'next' is the first match after `line`, 'previous' the last one before
   * it, 'at' the first at or after it. `index` is its place among the matches (for "3 of 120").
   */
  match: call(
    Session.extend({
      search: z.string().min(1).max(100),
      line: z.number().int().min(-1),
      direction: z.enum(['next', 'previous', 'at']),
    }),
    z.object({ index: z.number().int().nullable(), line: z.number().int().nullable(), count: z.number().int() }),
  ),
  /** The first line at or after a time (RFC 3339); `lines` (the end) when every line is older. */
  lineAtTime: call(Session.extend({ time: z.string().min(1).max(64) }), z.object({ line: z.number().int().min(0) })),
  /**
   * The whole text as the source printed it. In the app: a save dialog, then written there (`path`; both
   * absent when the user cancelled). In a browser: `url`, a one-time download link of the web bridge.
   */
  download: call(Session, z.object({ path: z.string().optional(), url: z.string().optional() })),
  /** Stops the source and deletes what main kept (unsubscribing from the opening stream does the same). */
  close: call(Session, Ok),
} as const;
