/** Log sessions: a source feeding a spool, growth heard, searches that follow, download tokens, close and stale clean-up. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { LogSessions, pumpInto, type LogSource } from '../../../../../main/common/logs/logSessions';
import type { LogSpool } from '../../../../../main/common/logs/logSpool';
import { LineFeed } from '../../../../../main/common/logs/lineFeed';

const roots: string[] = [];
const newRoot = () => {
  const r = mkdtempSync(join(tmpdir(), 'berth-sessions-test-'));
  roots.push(r);
  return r;
};
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok()).toBe(true);
};

/** A session's source: the lines written to `stream`, as a container's log arrives (`onSpool` sees the spool). */
const linesFrom =
  (stream: PassThrough, onSpool?: (spool: LogSpool) => void): LogSource =>
  (spool, signal) => {
    onSpool?.(spool);
    const feed = new LineFeed(spool, false, false);
    return pumpInto(
      spool,
      stream,
      (c) => feed.push(c),
      () => feed.end(),
      signal,
    );
  };

describe('log sessions', () => {
  it('follows a source, searches new lines as they come, downloads once, deletes the spool on close', async () => {
    const root = newRoot();
    const sessions = new LogSessions({ root });
    const source = new PassThrough();
    const session = await sessions.open('web', linesFrom(source));
    source.write('alpha\nbeta\n');
    await until(() => session.state().lines === 2);
    expect(session.state().following).toBe(true);

    const progress: Array<{ count: number; done: boolean }> = [];
    const searchId = session.search({ text: 'A', regex: false, caseSensitive: false }, (p) => progress.push(p));
    await until(() => progress.some((p) => p.done && p.count === 2));
    source.write('gamma\ndelta\n');
    await until(() => progress.some((p) => p.done && p.count === 4));
    expect(session.findSearch(searchId).matches.at(3)).toBe(3);

    source.end('last');
    await until(() => !session.state().following);
    expect(session.state().lines).toBe(5);

    const token = sessions.downloadToken(session.id);
    const dl = sessions.takeDownload(token);
    expect(dl?.name).toBe('web.log');
    const chunks: Buffer[] = [];
    for await (const c of dl?.stream ?? []) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('alpha\nbeta\ngamma\ndelta\nlast\n');
    expect(sessions.takeDownload(token)).toBeUndefined();

    const folder = join(root, readdirSync(root)[0] as string);
    expect(readdirSync(folder)).toEqual([session.id]);
    await sessions.close(session.id);
    expect(readdirSync(folder)).toEqual([]);
    expect(() => sessions.get(session.id)).toThrow(/closed/);
    await sessions.disposeAll();
    expect(existsSync(folder)).toBe(false);
  });

  it('writes a followed log a batch at a time, not a write per socket read, and a lone line soon', async () => {
    const sessions = new LogSessions({ root: newRoot() });
    const source = new PassThrough();
    let writes = 0;
    const session = await sessions.open(
      'chatty',
      linesFrom(source, (spool) => spool.onGrowth(() => writes++)),
    );
    // 2,000 reads of one line each, a few per turn of the event loop: as a fast follow arrives.
    for (let i = 0; i < 2000; i++) {
      source.write(`line ${i}\n`);
      if (i % 4 === 3) await new Promise((r) => setImmediate(r));
    }
    await until(() => session.spool.lines === 2000);
    expect(writes).toBeLessThan(20); // a write per turn of the loop: 57 here
    // A quiet log's next line is written without waiting for more lines (the pump's timer: 20 ms).
    const t = performance.now();
    source.write('late\n');
    await until(() => session.spool.lines === 2001);
    expect(performance.now() - t).toBeLessThan(250);
    expect((await session.spool.readLines(2000, 2001))[0]?.text).toBe('late');
    await sessions.close(session.id);
  });

  it('stops the source when closed while following', async () => {
    const sessions = new LogSessions({ root: newRoot() });
    const source = new PassThrough();
    const session = await sessions.open('x', linesFrom(source));
    await sessions.close(session.id);
    expect(source.destroyed).toBe(true);
  });

  it('reports a source that fails', async () => {
    const sessions = new LogSessions({ root: newRoot() });
    const session = await sessions.open('x', () => Promise.reject(new Error('no such container')));
    await until(() => !session.state().following);
    expect(session.state().error?.message).toMatch(/no such container/);
    await sessions.disposeAll();
  });

  it('removes spools a crashed Berth left behind, never those of a Berth still running', () => {
    const root = newRoot();
    mkdirSync(join(root, '999999999-1/some-session'), { recursive: true });
    mkdirSync(join(root, `${process.ppid}-2/live-session`), { recursive: true });
    new LogSessions({ root });
    expect(readdirSync(root)).toEqual([`${process.ppid}-2`]);
  });
});
