/** The on-disk log: lines and their index in real temp files, windows read back, time jumps, the cap, removal. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogSpool, RECORD_BYTES } from '../../../../../main/common/logs/logSpool';
import { LineFeed } from '../../../../../main/common/logs/lineFeed';
import { formatTime, parseTime } from '../../../../../main/common/logs/logTime';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'berth-spool-test-'));
  dirs.push(d);
  return join(d, 'spool');
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const stamp = (i: number) =>
  `2026-01-01T00:00:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}.${String((i % 1000) * 1_000_000).padStart(9, '0')}Z`;

describe('log spool', () => {
  it('copies what it is given: a source’s buffer reused before the flush does not change the log', async () => {
    const dir = tempDir();
    const spool = await LogSpool.create({ dir, maxBytes: 1 << 30 });
    const read = Buffer.from('first\nsecond\n');
    spool.append(false, read, 0, 6);
    spool.append(true, read, 6, read.length);
    read.fill(0x78); // a socket's read buffer, reused for the next read
    const long = Buffer.alloc(3 * 1024 * 1024, 0x61); // longer than a block of the pending text
    spool.append(false, long, 0, long.length);
    await spool.flush();
    // Short lines share a block: one appended while the write before it is in flight goes after that
    // write's part of the block, never over it.
    spool.append(false, Buffer.from('after'), 0, 5);
    const inFlight = spool.flush();
    spool.append(false, Buffer.from('later'), 0, 5);
    await inFlight;
    await spool.flush();
    expect(readFileSync(join(dir, 'log.txt'), 'utf8')).toBe(
      `first\nsecond\n${'a'.repeat(long.length)}\nafter\nlater\n`,
    );
    const lines = await spool.readLines(0, 5);
    expect(lines.map((l) => [l.stream, l.text.slice(0, 6)])).toEqual([
      ['stdout', 'first'],
      ['stderr', 'second'],
      ['stdout', 'aaaaaa'],
      ['stdout', 'after'],
      ['stdout', 'later'],
    ]);
    expect(spool.pendingBytes).toBe(0);
    await spool.dispose();
  });

  it('writes what was appended while a write ran in one write after it, and each flush resolves once its lines are readable', async () => {
    const spool = await LogSpool.create({ dir: tempDir(), maxBytes: 1 << 30 });
    let writes = 0;
    spool.onGrowth(() => writes++);
    spool.append(false, Buffer.from('line 0'), 0, 6);
    const first = spool.flush();
    const flushes: Array<Promise<number>> = [];
    for (let i = 1; i <= 100; i++) {
      const text = Buffer.from(`line ${i}`);
      spool.append(false, text, 0, text.length);
      // A flush per socket read, as a followed log asks: each resolves once its own line is readable.
      flushes.push(spool.flush().then(() => spool.lines));
    }
    await first;
    const seen = await Promise.all(flushes);
    expect(seen.every((lines, i) => lines >= i + 2)).toBe(true);
    expect(writes).toBe(2);
    expect((await spool.readLines(99, 101)).map((l) => l.text)).toEqual(['line 99', 'line 100']);
    expect(spool.pendingBytes).toBe(0);
    await spool.dispose();
  });

  it('keeps every line byte for byte, reads any window and finds a line by time', async () => {
    const dir = tempDir();
    const spool = await LogSpool.create({ dir, maxBytes: 1 << 30 });
    const feed = new LineFeed(spool, false, true);
    const n = 50_000;
    let chunk = '';
    for (let i = 0; i < n; i++) {
      chunk += `${stamp(i)} line ${i} ünïcode\n`;
      if (chunk.length > 7000) {
        // Cut mid-line and mid-timestamp, as a socket would.
        const cut = Math.floor(chunk.length / 2) + 3;
        feed.push(Buffer.from(chunk.slice(0, cut)));
        feed.push(Buffer.from(chunk.slice(cut)));
        chunk = '';
      }
    }
    feed.push(Buffer.from(chunk));
    feed.end();
    await spool.flush();
    expect(spool.lines).toBe(n);
    const text = readFileSync(join(dir, 'log.txt'), 'utf8');
    expect(text.split('\n').length).toBe(n + 1);
    expect(text.startsWith('line 0 ünïcode\nline 1 ünïcode\n')).toBe(true);
    expect(readFileSync(join(dir, 'log.index')).length).toBe(n * RECORD_BYTES);

    const window = await spool.readLines(25_000, 25_003);
    expect(window.map((l) => l.text)).toEqual(['line 25000 ünïcode', 'line 25001 ünïcode', 'line 25002 ünïcode']);
    expect(window[0]?.n).toBe(25_000);
    expect(window[0]?.time).toBe(stamp(25_000));
    expect(await spool.readLines(n - 1, n + 10)).toHaveLength(1);
    expect(await spool.readLines(n + 5, n + 10)).toEqual([]);

    expect(await spool.lineAtTime(parseTime(stamp(31_337)) as never)).toBe(31_337);
    expect(await spool.lineAtTime(parseTime('2025-01-01T00:00:00Z') as never)).toBe(0);
    expect(await spool.lineAtTime(parseTime('2027-01-01T00:00:00Z') as never)).toBe(n);

    const streamed: Buffer[] = [];
    for await (const c of spool.textStream()) streamed.push(c as Buffer);
    expect(Buffer.concat(streamed).toString('utf8')).toBe(text);

    await spool.dispose();
    expect(existsSync(dir)).toBe(false);
  });

  it('stops keeping lines at its disk cap and says so', async () => {
    const spool = await LogSpool.create({ dir: tempDir(), maxBytes: 1000 });
    const feed = new LineFeed(spool, false, false);
    for (let i = 0; i < 100; i++) feed.push(Buffer.from(`line ${i}\n`));
    await spool.flush();
    expect(spool.capped).toBe(true);
    expect(spool.diskBytes).toBeLessThanOrEqual(1000);
    expect(spool.lines + spool.notKept).toBe(100);
    const last = await spool.readLines(spool.lines - 1, spool.lines);
    expect(last[0]?.text).toBe(`line ${spool.lines - 1}`);
    await spool.dispose();
  });

  it('keeps streams apart, lines without timestamps and a runaway line', async () => {
    const spool = await LogSpool.create({ dir: tempDir(), maxBytes: 1 << 30 });
    const out = new LineFeed(spool, false, true);
    const err = new LineFeed(spool, true, true, false, 64);
    out.push(Buffer.from('2026-01-01T00:00:01Z hello\r\nno stamp here\n'));
    err.push(Buffer.from('2026-01-01T00:00:02.5Z ' + 'x'.repeat(100)));
    out.push(Buffer.from('2026-01-01T00:00:03Z tail without newline'));
    out.end();
    err.end();
    await spool.flush();
    const lines = await spool.readLines(0, 10);
    expect(lines.map((l) => [l.stream, l.text, l.time])).toEqual([
      ['stdout', 'hello', '2026-01-01T00:00:01.000000000Z'],
      ['stdout', 'no stamp here', undefined],
      ['stderr', 'x'.repeat(100), '2026-01-01T00:00:02.500000000Z'],
      ['stdout', 'tail without newline', '2026-01-01T00:00:03.000000000Z'],
    ]);
    await spool.dispose();
  });

  it('drops the timestamp of a continued entry when the source frames its entries (a long line split by the engine)', async () => {
    const spool = await LogSpool.create({ dir: tempDir(), maxBytes: 1 << 30 });
    const feed = new LineFeed(spool, false, true, true);
    feed.push(Buffer.from('2026-01-01T00:00:01Z first half '));
    feed.push(Buffer.from('2026-01-01T00:00:01.1Z second half\n'));
    await spool.flush();
    expect((await spool.readLines(0, 1))[0]?.text).toBe('first half second half');
    await spool.dispose();
  });
});

describe('log times', () => {
  it('parses RFC 3339 with any fraction and offset, and writes nine digits back', () => {
    expect(formatTime(parseTime('2026-03-04T05:06:07.123Z') as never)).toBe('2026-03-04T05:06:07.123000000Z');
    expect(formatTime(parseTime('2026-03-04T07:06:07+02:00') as never)).toBe('2026-03-04T05:06:07.000000000Z');
    expect(parseTime('2026-03-04T05:06:07.123456789Z')).toEqual({
      sec: Date.parse('2026-03-04T05:06:07Z') / 1000,
      nanos: 123_456_789,
    });
    expect(parseTime('yesterday')).toBeUndefined();
  });
});
