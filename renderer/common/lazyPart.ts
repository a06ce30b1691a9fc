/**
 * A part of the shell whose code is its own chunk, fetched when it is first wanted (a dialog opened) or
 * ahead of that (`load()` once the first view is painted), so the first paint does without it. Once shown
 * it stays mounted, as it was when it was part of the shell. A fetch that fails is tried again (withRetries);
 * one that still fails shows nothing and tells the caller (`onFailed`): the shell closes what asked for the
 * part, so asking again (reopening it) fetches afresh, and says in a toast that it could not load
 * (components/partFailed.ts).
 */
import { lazy, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { withRetries } from './withRetries';

export interface LazyPart<P> {
  /** Fetches the code (once, unless that failed); resolves with the component. */
  load(): Promise<ComponentType<P>>;
  /** The component, once fetched. */
  loaded(): ComponentType<P> | undefined;
}

export function lazyPart<P extends object>(
  fetch: () => Promise<ComponentType<P>>,
  retry: <T>(load: () => Promise<T>) => Promise<T> = withRetries,
): LazyPart<P> {
  let component: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  return {
    load() {
      loading ??= retry(fetch).then(
        (c) => (component = c),
        (e: unknown) => {
          loading = undefined;
          throw e;
        },
      );
      return loading;
    },
    loaded: () => component,
  };
}

/**
 * Fetches a wanted part: `shown` gets its component, or `failed` runs once the fetch failed for good. Returns
 * the function that cancels: neither runs after it.
 */
export function loadPart<P>(
  part: LazyPart<P>,
  shown: (component: ComponentType<P>) => void,
  failed: () => void,
): () => void {
  let current = true;
  part.load().then(
    (c) => current && shown(c),
    () => current && failed(),
  );
  return () => {
    current = false;
  };
}

/**
 * The part's component from the first time it is `wanted` and its code is in, on; undefined before. When its
 * code cannot be fetched, `onFailed` runs (a stable function, partFailed's); wanted again, it is fetched again.
 */
export function useLazyPart<P extends object>(
  part: LazyPart<P>,
  wanted: boolean,
  onFailed: () => void,
): ComponentType<P> | undefined {
  const [shown, setShown] = useState<ComponentType<P>>();
  useEffect(() => {
    if (!wanted || shown) return;
    return loadPart(part, (c) => setShown(() => c), onFailed);
  }, [part, wanted, shown, onFailed]);
  return shown ?? (wanted ? part.loaded() : undefined);
}

/**
 * The part as a React.lazy component that does not suspend once its code is here: React.lazy asks for the
 * code on its first render and, given a promise, suspends even when that promise has long settled; a
 * suspended render shows the Suspense fallback, and React then holds the content back until 300 ms after
 * the fallback appeared (its throttle against flicker). So a part already fetched is handed over through a
 * thenable that answers at once.
 */
export function lazyComponent<P extends object>(part: LazyPart<P>): LazyExoticComponent<ComponentType<P>> {
  return lazy(() => {
    const component = part.loaded();
    if (!component) return part.load().then((c) => ({ default: c }));
    const settled = { then: (ok: (m: { default: ComponentType<P> }) => void) => ok({ default: component }) };
    return settled as unknown as Promise<{ default: ComponentType<P> }>;
  });
}

/**
 * The part as a lazy component of this mount (lazyComponent), for a part shown inside a view (a detail page,
 * a dialog): a fetch that failed for good throws to the view's boundary, whose Retry mounts the view again,
 * and the new mount's component fetches afresh, where one React.lazy for all mounts would keep the failure.
 */
export function useLazyComponent<P extends object>(part: LazyPart<P>): LazyExoticComponent<ComponentType<P>> {
  return useState(() => lazyComponent(part))[0];
}
