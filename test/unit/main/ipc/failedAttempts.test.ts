import { describe, expect, it } from 'vitest';
import { FailedAttempts } from '../../../../main/ipc/failedAttempts';

describe('FailedAttempts (token guessing limit)', () => {
  it('blocks a client after `limit` failures in the window, and lets it try again once they age out', () => {
    let now = 1_000_000;
    const attempts = new FailedAttempts({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(attempts.blockedFor('127.0.0.1')).toBe(0);
      attempts.record('127.0.0.1');
      now += 1000;
    }
    expect(attempts.blockedFor('127.0.0.1')).toBe(57); // the first failure leaves the window in 57 s
    expect(attempts.blockedFor('127.0.0.2')).toBe(0); // per client
    now += 57_000;
    expect(attempts.blockedFor('127.0.0.1')).toBe(0);
  });

  it('keeps at most `limit` failures per client, however many it sends', () => {
    const attempts = new FailedAttempts({ limit: 5 });
    for (let i = 0; i < 10_000; i++) attempts.record('c');
    expect(attempts.blockedFor('c')).toBeGreaterThan(0);
    expect((attempts as unknown as { failures: Map<string, number[]> }).failures.get('c')).toHaveLength(5);
  });
});
