/**
 * A log line's ANSI colours and styles (SGR), and its OSC 8 links, as HTML for the log view, through
 * `ansi_up`: text escaped, colours as inline styles, text with no style left bare; an http(s) link becomes
 * an `<a>` (LogLineView opens it outside Berth), any other link scheme is dropped with its text, as
 * `ansi_up` does. A fresh converter per line: `ansi_up` carries colour state and an unfinished escape from
 * one call to the next, and lines are drawn in any order, each on its own.
 */
import { AnsiUp } from 'ansi_up';

export function ansiHtml(text: string): string {
  return new AnsiUp().ansi_to_html(text);
}
