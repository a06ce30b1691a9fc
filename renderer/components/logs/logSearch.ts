/** Search inside log lines: ANSI colour codes stripped for matching, case-insensitive ranges to highlight. */

// eslint-disable-next-line no-control-regex
const ANSI_RE = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(?:\u0007|\u001b\\)/g;

export const stripAnsi = (text: string): string => text.replace(ANSI_RE, '');

export interface Segment {
  text: string;
  match: boolean;
}

/** Splits plain text into matching and non-matching segments. An empty needle gives one segment. */
export function highlight(text: string, needle: string): Segment[] {
  if (!needle) return [{ text, match: false }];
  const lower = text.toLowerCase();
  const n = needle.toLowerCase();
  const out: Segment[] = [];
  let at = 0;
  for (;;) {
    const i = lower.indexOf(n, at);
    if (i === -1) break;
    if (i > at) out.push({ text: text.slice(at, i), match: false });
    out.push({ text: text.slice(i, i + n.length), match: true });
    at = i + n.length;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), match: false });
  return out;
}

export const matches = (text: string, needle: string): boolean =>
  !needle || stripAnsi(text).toLowerCase().includes(needle.toLowerCase());

/** Segments by a regular expression (a log search's pattern); a pattern that matches empty text marks nothing. */
export function highlightMatches(text: string, re: RegExp | undefined): Segment[] {
  if (!re) return [{ text, match: false }];
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const out: Segment[] = [];
  let at = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    if (m.index > at) out.push({ text: text.slice(at, m.index), match: false });
    out.push({ text: m[0], match: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), match: false });
  return out;
}

/** The pattern a search stands for, as main builds it; undefined while the text is no valid pattern. */
export function searchPattern(text: string, regex: boolean, caseSensitive: boolean): RegExp | undefined {
  if (!text) return undefined;
  try {
    return new RegExp(regex ? text : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), caseSensitive ? 'g' : 'gi');
  } catch {
    return undefined;
  }
}
