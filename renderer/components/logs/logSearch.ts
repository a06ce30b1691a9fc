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
