/**
 * A part of the shell whose code is its own chunk, fetched when it is first wanted (a dialog opened) or
 * ahead of that (`load()` once the first view is painted), so the first paint does without it. Once shown
 * it stays mounted, as it was when it was part of the shell. A fetch that fails is tried again (withRetries);
 * one that still fails shows nothing, and is tried afresh the next time the part is wanted.
 */
import { useEffect, useState, type ComponentType } from 'react';
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

/** The part's component from the first time it is `wanted` and its code is in, on; undefined before. */
export function useLazyPart<P extends object>(part: LazyPart<P>, wanted: boolean): ComponentType<P> | undefined {
  const [shown, setShown] = useState<ComponentType<P>>();
  useEffect(() => {
    if (!wanted || shown) return;
    let current = true;
    part.load().then(
      (c) => current && setShown(() => c),
      () => {}, // nothing to show; the next time it is wanted, the fetch is tried again
    );
    return () => {
      current = false;
    };
  }, [part, wanted, shown]);
  return shown ?? (wanted ? part.loaded() : undefined);
}
