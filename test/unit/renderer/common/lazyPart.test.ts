/** A shell part's code: fetched once however often it is asked for, and fetched afresh after a fetch that failed. */
import { describe, expect, it } from 'vitest';
import type { ComponentType } from 'react';
import { lazyPart } from '../../../../renderer/common/lazyPart';

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
});
