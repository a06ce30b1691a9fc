/**
 * A shell part's code: fetched once however often it is asked for, and fetched afresh after a fetch that
 * failed; a wanted part whose fetch failed tells its caller (not once the caller gave up on it).
 */
import { describe, expect, it, vi } from 'vitest';
import type { ComponentType } from 'react';
import { lazyPart, loadPart } from '../../../../renderer/common/lazyPart';

const Palette: ComponentType<{ open: boolean }> = () => null;
const once = <T>(load: () => Promise<T>) => load();

describe('lazyPart', () => {
  it('fetches once, however often it is preloaded or wanted, and has the component after', async () => {
    let fetches = 0;
    const part = lazyPart(async () => (fetches++, Palette), once);
    expect(part.loaded()).toBeUndefined();
    const [a, b] = await Promise.all([part.load(), part.load()]);
    expect([a, b, part.loaded()]).toEqual([Palette, Palette, Palette]);
    await part.load();
    expect(fetches).toBe(1);
  });

  it('after a fetch that failed, the next time it is wanted fetches again', async () => {
    let fetches = 0;
    const part = lazyPart(async () => {
      if (++fetches === 1) throw new Error('Failed to fetch dynamically imported module');
      return Palette;
    }, once);
    await expect(part.load()).rejects.toThrow('Failed to fetch');
    expect(part.loaded()).toBeUndefined();
    await expect(part.load()).resolves.toBe(Palette);
    expect(fetches).toBe(2);
  });

  it('a wanted part whose fetch fails tells the caller, not once cancelled; wanted again it is fetched again', async () => {
    let fetches = 0;
    const part = lazyPart(async () => {
      if (++fetches <= 2) throw new Error('Failed to fetch dynamically imported module');
      return Palette;
    }, once);
    const seen: string[] = [];
    const shown = (c: ComponentType<{ open: boolean }>) => void seen.push(c === Palette ? 'shown' : 'other');
    loadPart(part, shown, () => seen.push('failed'));
    await vi.waitFor(() => expect(seen).toEqual(['failed']));

    // Cancelled (the dialog closed, the component unmounted): its outcome is nobody's.
    loadPart(part, shown, () => seen.push('failed'))();
    await new Promise((r) => setTimeout(r, 0));
    expect([seen, fetches]).toEqual([['failed'], 2]);

    loadPart(part, shown, () => seen.push('failed'));
    await vi.waitFor(() => expect(seen).toEqual(['failed', 'shown']));
    expect(fetches).toBe(3);
  });
});
