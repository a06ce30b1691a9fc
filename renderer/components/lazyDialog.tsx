/**
 * A dialog whose code is its own chunk, fetched the first time it opens: a table's first paint does without
 * it (forms, their checks, their steps). Once opened it stays mounted, as the dialog itself would; a fetch
 * that failed for good is made afresh by the view boundary's Retry (useLazyComponent).
 */
import { Suspense, useState, type ComponentType } from 'react';
import { lazyPart, useLazyComponent } from '../common/lazyPart';

export function lazyDialog<P extends object>(
  fetch: () => Promise<ComponentType<P>>,
  isOpen: (props: P) => boolean,
): ComponentType<P> {
  const part = lazyPart(fetch);
  return function LazyDialog(props: P) {
    const Dialog = useLazyComponent(part);
    const [opened, setOpened] = useState(() => isOpen(props));
    if (!opened && isOpen(props)) setOpened(true);
    return opened ? (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    ) : null;
  };
}
