/**
 * A shell part's code: fetched once however often it is asked for, and fetched afresh after a fetch that
 * failed; a wanted part whose fetch failed tells its caller (not once the caller gave up on it). As a lazy
 * component, a part whose code is here renders at once instead of suspending (and being held back 300 ms).
 */
import { describe, expect, it, vi } from 'vitest';
import { createElement, lazy, Suspense, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { lazyComponent, lazyPart, loadPart } from '../../../../renderer/common/lazyPart';

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

  it('as a lazy component, renders without suspending once its code is here; before, suspends', async () => {
    const View: ComponentType = () => createElement('p', null, 'rows');
    const page = (C: ComponentType) =>
      renderToString(createElement(Suspense, { fallback: 'waiting' }, createElement(C)));
    const part = lazyPart(async () => View, once);
    expect(page(lazyComponent(part))).toContain('waiting');
    await part.load();
    expect(page(lazyComponent(part))).toBe('<!--$--><p>rows</p><!--/$-->');
    // What React.lazy alone does with code already here: it suspends.
    expect(page(lazy(() => part.load().then((c) => ({ default: c }))))).toContain('waiting');
  });
});
