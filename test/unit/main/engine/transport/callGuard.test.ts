/** The call watchdog with a fake modem: a busy engine's slow call waits on, a stalled engine's fails. */
import { describe, expect, it } from 'vitest';
import type Docker from 'dockerode';
import { ApiError } from '../../../../../contract/errors';
import { watchCalls } from '../../../../../main/engine/transport/callGuard';

type Callback = (error: unknown, result?: unknown) => void;
interface Dialled {
  path: string;
  abortSignal?: AbortSignal;
  callback: Callback;
}

/** A modem whose dial records each call; the test answers them. */
function fakeModem() {
  const calls: Dialled[] = [];
  const modem = {
    dial: (options: { path: string; abortSignal?: AbortSignal }, callback: Callback) =>
      calls.push({ path: options.path, abortSignal: options.abortSignal, callback }),
  };
  return { modem: modem as unknown as Docker['modem'], calls, dial: () => modem.dial };
}

const call = (dial: (o: { path: string }, cb: Callback) => void, path: string) =>
  new Promise<unknown>((resolve, reject) => dial({ path }, (e, r) => (e ? reject(e) : resolve(r))));
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('watchCalls', () => {
  it('lets a slow call of an engine that still answers pings go on, and its answer through', async () => {
    const fake = fakeModem();
    const stalled: ApiError[] = [];
    watchCalls(fake.modem, { url: 'unix:///x', onStalled: (e) => stalled.push(e), slowMs: 20, pingMs: 200 });
    const result = call(fake.dial(), '/images/prune');
    await tick(40);
    const ping = fake.calls.find((c) => c.path === '/_ping');
    expect(ping).toBeDefined();
    ping!.callback(null, 'OK');
    await tick(10);
    fake.calls[0]!.callback(null, { SpaceReclaimed: 1 });
    await expect(result).resolves.toEqual({ SpaceReclaimed: 1 });
    expect(stalled).toEqual([]);
  });

  it('fails a call of an engine that does not answer a ping in time, tells the owner once, and aborts the request', async () => {
    const fake = fakeModem();
    const stalled: ApiError[] = [];
    watchCalls(fake.modem, { url: 'unix:///x', onStalled: (e) => stalled.push(e), slowMs: 20, pingMs: 50 });
    const a = call(fake.dial(), '/containers/json');
    const b = call(fake.dial(), '/images/json');
    const [ea, eb] = await Promise.all([a.catch((e: unknown) => e), b.catch((e: unknown) => e)]);
    for (const e of [ea, eb]) {
      expect(e).toBeInstanceOf(ApiError);
      expect((e as ApiError).code).toBe('engine_unreachable');
      expect((e as ApiError).message).toMatch(/unix:\/\/\/x stopped answering/);
      expect((e as ApiError).hint).toBeTruthy();
    }
    expect(fake.calls.filter((c) => c.path === '/_ping')).toHaveLength(1); // one ping for both calls
    expect(stalled).toHaveLength(1);
    expect(fake.calls[0]!.abortSignal?.aborted).toBe(true);
    // The aborted request's own late callback changes nothing.
    fake.calls[0]!.callback(new Error('aborted'));
  });

  it('leaves a call that answers quickly alone (no ping)', async () => {
    const fake = fakeModem();
    watchCalls(fake.modem, { url: 'unix:///x', onStalled: () => {}, slowMs: 20, pingMs: 50 });
    const result = call(fake.dial(), '/version');
    fake.calls[0]!.callback(null, { Version: '20.10' });
    await expect(result).resolves.toEqual({ Version: '20.10' });
    await tick(40);
    expect(fake.calls.map((c) => c.path)).toEqual(['/version']);
  });
});
