/**
 * The pace of whole re-lists: a lone event waits only its gathering time; after a list, the next waits
 * until twice that list's cost has passed since it ended (at most MAX_PAUSE_MS). A list that failed, or
 * answered on a link no longer in use, counts for nothing; a reset forgets the last list.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PAUSE_MS, RelistPace } from '../../../../main/engine/relistPace';

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('RelistPace', () => {
  it('waits only the gathering time before any list, and once the pause after the last one is over', async () => {
    const c = clock();
    const pace = new RelistPace(100, c.now);
    expect(pace.delay()).toBe(100);
    expect(pace.remaining()).toBe(0);
    await pace.time(async () => c.advance(300));
    c.advance(10_000);
    expect(pace.delay()).toBe(100);
  });

  it('after a list that cost 300 ms, the next waits 600 ms from its end', async () => {
    const c = clock();
    const pace = new RelistPace(100, c.now);
    await pace.time(async () => c.advance(300));
    expect(pace.remaining()).toBe(600);
    c.advance(250);
    expect(pace.delay()).toBe(350);
    c.advance(300);
    expect(pace.delay()).toBe(100);
    expect(pace.remaining()).toBe(50);
  });

  it('a list that failed (a stalled link cut by the call guard after 20 s) holds nothing back', async () => {
    const c = clock();
    const pace = new RelistPace(5, c.now);
    await expect(
      pace.time(async () => {
        c.advance(20_000);
        throw new Error('The Docker engine closed the connection in the middle of its answer.');
      }),
    ).rejects.toThrow('middle of its answer');
    expect(pace.remaining()).toBe(0);
    expect(pace.delay()).toBe(5);
  });

  it('a list answered on a link no longer in use counts for nothing; a slow one holds the next at most MAX_PAUSE_MS', async () => {
    const c = clock();
    const pace = new RelistPace(100, c.now);
    await pace.time(
      async () => c.advance(30_000),
      () => false,
    );
    expect(pace.remaining()).toBe(0);
    await pace.time(async () => c.advance(30_000));
    expect(pace.remaining()).toBe(MAX_PAUSE_MS);
  });

  it('a reset (a reconnect) forgets the last list', async () => {
    const c = clock();
    const pace = new RelistPace(100, c.now);
    await pace.time(async () => c.advance(300));
    pace.reset();
    expect(pace.delay()).toBe(100);
  });
});
