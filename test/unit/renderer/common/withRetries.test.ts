/** A view's code that fails to load is tried again, waiting longer each time, and the last failure is kept. */
import { describe, expect, it } from 'vitest';
import { withRetries } from '../../../../renderer/common/withRetries';

describe('loading a view with retries', () => {
  it('tries again after a failed fetch, waiting longer each time, and gives what the load gave', async () => {
    const waits: number[] = [];
    let calls = 0;
    const load = () => (++calls < 3 ? Promise.reject(new Error('Unable to preload CSS')) : Promise.resolve('view'));
    await expect(withRetries(load, 3, (ms) => (waits.push(ms), Promise.resolve()))).resolves.toBe('view');
    expect(calls).toBe(3);
    expect(waits).toEqual([300, 600]);
  });

  it('gives up after the last attempt with its error', async () => {
    let calls = 0;
    const load = () => Promise.reject(new Error(`failed ${++calls}`));
    await expect(withRetries(load, 3, () => Promise.resolve())).rejects.toThrow('failed 3');
    expect(calls).toBe(3);
  });
});
