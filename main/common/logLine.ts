/**
 * One log line as Berth sends it (containers and pods alike): the timestamp split off when asked for, and
 * runaway lines cut so one line cannot exhaust memory.
 */
import type { LogLine } from '../../contract/containers';

type StreamName = LogLine['stream'];

/** Longest line kept; longer lines are cut so one runaway line cannot exhaust memory. */
export const MAX_LINE_CHARS = 16_384;

/** Splits an RFC 3339 `2024-05-01T10:00:00.123456789Z ` prefix (the engine's and the kubelet's) off a line when timestamps were asked for. */
export function toLogLine(stream: StreamName, raw: string, timestamps: boolean): LogLine {
  let text = raw;
  let time: string | undefined;
  if (timestamps) {
    const space = raw.indexOf(' ');
    if (space > 0 && /^\d{4}-\d\d-\d\dT/.test(raw)) {
      time = raw.slice(0, space);
      text = raw.slice(space + 1);
    }
  }
  if (text.length > MAX_LINE_CHARS)
    text = `${text.slice(0, MAX_LINE_CHARS)}… [line cut at ${MAX_LINE_CHARS} characters]`;
  return time ? { stream, text, time } : { stream, text };
}
