/** Replica counts as the user types them. */
import { describe, expect, it } from 'vitest';
import { checkReplicas } from '../../../../../renderer/views/kubernetes/scaleInput';
import { kube } from '../../../../../contract/kube';

describe('replica counts', () => {
  it('accepts whole numbers from 0 and asks above 100', () => {
    expect(checkReplicas('0')).toEqual({ ok: true, replicas: 0, needsConfirm: false });
    expect(checkReplicas(' 5 ')).toEqual({ ok: true, replicas: 5, needsConfirm: false });
    expect(checkReplicas('101')).toEqual({ ok: true, replicas: 101, needsConfirm: true });
  });
  it('refuses negatives, non-numbers and fractions with a message', () => {
    expect(checkReplicas('-1')).toEqual({ ok: false, message: 'Replicas cannot be negative.' });
    expect(checkReplicas('abc')).toEqual({ ok: false, message: 'Replicas must be a number.' });
    expect(checkReplicas('1.5')).toEqual({ ok: false, message: 'Replicas must be a whole number.' });
    expect(checkReplicas('')).toMatchObject({ ok: false });
    expect(checkReplicas('1e9')).toMatchObject({ ok: false, message: expect.stringContaining('exceed') });
  });
  it('is enforced by main’s schema as well', () => {
    const scale = kube.scale.input;
    const base = { context: 'c', namespace: 'n', name: 'd' };
    expect(scale.safeParse({ ...base, replicas: 3 }).success).toBe(true);
    for (const replicas of [-1, 'abc', 1.5, Number.NaN, Infinity]) {
      expect(scale.safeParse({ ...base, replicas }).success).toBe(false);
    }
  });
});
