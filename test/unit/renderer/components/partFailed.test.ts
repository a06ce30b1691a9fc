/**
 * A shell part whose code could not be fetched: what asked for it is closed again, so asking again fetches
 * again, and a toast says it could not open.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { partFailed } from '../../../../renderer/components/partFailed';
import { useToasts } from '../../../../renderer/stores/toastStore';

describe('a part that could not be fetched', () => {
  afterEach(() => useToasts.setState({ toasts: [] }));

  it('closes what asked for it and says so in a toast', () => {
    let open = true;
    const failed = partFailed('engine picker', () => (open = false));
    expect(useToasts.getState().toasts).toEqual([]);
    failed();
    expect(open).toBe(false);
    expect(useToasts.getState().toasts).toMatchObject([
      { kind: 'error', title: 'Could not open the engine picker', hint: expect.stringMatching(/Try again/) },
    ]);
  });
});
