/**
 * Searching every line of a LogSpool: plain text or a regular expression, with or without case. The text
 * file is read in large blocks cut at line ends; a case-sensitive plain search compares bytes, anything
 * else runs one global regular expression over the decoded block and maps each hit to its line. A line
 * counts once however often it matches (as `grep -c` counts). Matching line numbers are kept in a growing
 * typed array (4 bytes a match) for next/previous; the caller hears the count as the scan goes.
 */
import type { LogSpool } from './logSpool';

const BLOCK_BYTES = 4 * 1024 * 1024;

export interface SearchQuery {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

/** The regular expression a query stands for (plain text escaped); throws SyntaxError for a bad pattern. */
export function queryRegExp(q: SearchQuery): RegExp {
  const source = q.regex ? q.text : q.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(source, `gm${q.caseSensitive ? '' : 'i'}`);
}

/** The matching line numbers found so far, in order. */
export class MatchList {
  private data = new Uint32Array(1024);
  count = 0;

  push(line: number): void {
    if (this.count === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.count++] = line;
  }

  at(i: number): number | undefined {
    return i >= 0 && i < this.count ? this.data[i] : undefined;
  }

  /** The index of the first match at or after `line` (`count` when none). */
  firstAtOrAfter(line: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.data[mid] as number) < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface ScanState {
  /** The next line to scan, and where its text starts. */
  line: number;
  offset: number;
}

/**
 * Scans the spool's lines from `state` up to what is on disk now, pushing matches; resolves with where it
 * stopped, so a followed log's new lines are scanned by calling it again. `onBlock` hears after each block
 * (the caller reports progress); `signal` stops it.
 */
export async function scanSpool(
  spool: LogSpool,
  query: SearchQuery,
  matches: MatchList,
  state: ScanState,
  signal: AbortSignal,
  onBlock?: (state: ScanState) => void,
): Promise<ScanState> {
  const plainBytes = !query.regex && query.caseSensitive ? Buffer.from(query.text, 'utf8') : undefined;
  const re = plainBytes ? undefined : queryRegExp(query);
  const lineRe = re ? new RegExp(re.source, re.flags.replace('g', '')) : undefined;
  let { line, offset } = state;
  const endBytes = spool.textBytes;
  while (offset < endBytes && !signal.aborted) {
    const block = await spool.readText(offset, Math.min(BLOCK_BYTES, endBytes - offset));
    let usable = block.lastIndexOf(10) + 1;
    if (usable === 0) {
      // One line longer than a block: read it whole (lines on disk always end with a newline).
      const next = await lineEndAfter(spool, offset + block.length);
      const whole = await spool.readText(offset, next - offset);
      usable = whole.length;
      line = scanBlock(whole, usable, line, plainBytes, re, lineRe, matches);
    } else {
      line = scanBlock(block, usable, line, plainBytes, re, lineRe, matches);
    }
    offset += usable;
    onBlock?.({ line, offset });
    await new Promise<void>((r) => setImmediate(r)); // let calls and other sessions through
  }
  return { line, offset };
}

async function lineEndAfter(spool: LogSpool, from: number): Promise<number> {
  let at = from;
  for (;;) {
    const chunk = await spool.readText(at, BLOCK_BYTES);
    if (chunk.length === 0) return at;
    const nl = chunk.indexOf(10);
    if (nl !== -1) return at + nl + 1;
    at += chunk.length;
  }
}

/** Scans `block[0, usable)` (whole lines) whose first line is `line`; returns the next line number. */
function scanBlock(
  block: Buffer,
  usable: number,
  line: number,
  plain: Buffer | undefined,
  re: RegExp | undefined,
  lineRe: RegExp | undefined,
  matches: MatchList,
): number {
  if (plain) {
    if (plain.length === 0) return countAll(block, usable, line, matches);
    let lineStart = 0;
    let n = line;
    let hit = block.indexOf(plain, 0);
    while (hit !== -1 && hit < usable) {
      // Count the lines between the last line start and the hit.
      for (let nl = block.indexOf(10, lineStart); nl !== -1 && nl < hit; nl = block.indexOf(10, nl + 1)) n++;
      // The needle has no newline, so the hit lies within line n.
      matches.push(n);
      const end = block.indexOf(10, hit);
      if (end === -1 || end >= usable) return n + 1;
      lineStart = end + 1;
      n++;
      hit = block.indexOf(plain, lineStart);
    }
    return n + countNewlines(block, lineStart, usable);
  }
  const text = block.toString('utf8', 0, usable);
  const g = re as RegExp;
  g.lastIndex = 0;
  let n = line;
  let lineStart = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    for (let nl = text.indexOf('\n', lineStart); nl !== -1 && nl < m.index; nl = text.indexOf('\n', nl + 1)) {
      n++;
      lineStart = nl + 1;
    }
    const end = text.indexOf('\n', m.index);
    const lineEnd = end === -1 ? text.length : end;
    if (m.index + m[0].length <= lineEnd || (lineRe as RegExp).test(text.slice(lineStart, lineEnd))) matches.push(n);
    if (end === -1) return n + 1;
    lineStart = end + 1;
    n++;
    g.lastIndex = lineStart;
  }
  for (let nl = text.indexOf('\n', lineStart); nl !== -1; nl = text.indexOf('\n', nl + 1)) n++;
  return n;
}

function countNewlines(block: Buffer, from: number, to: number): number {
  let n = 0;
  for (let nl = block.indexOf(10, from); nl !== -1 && nl < to; nl = block.indexOf(10, nl + 1)) n++;
  return n;
}

function countAll(block: Buffer, usable: number, line: number, matches: MatchList): number {
  let n = line;
  for (let nl = block.indexOf(10); nl !== -1 && nl < usable; nl = block.indexOf(10, nl + 1)) matches.push(n++);
  return n;
}
