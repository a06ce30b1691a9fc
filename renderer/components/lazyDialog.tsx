/**
 * A dialog whose code is its own chunk, fetched the first time it opens: a table's first paint does without
 * it (forms, their checks, their steps). Once opened it stays mounted, as the dialog itself would. Each mount
 * makes its own lazy component, so a fetch that failed for good (it throws to the view's boundary) is made
 * afresh when the boundary's Retry mounts the view again; React.lazy alone would keep the failure.
 */
import { Suspense, useState, type ComponentType } from 'react';
import { lazyComponent, lazyPart } from '../common/lazyPart';

export function lazyDialog<P extends object>(
  fetch: () => Promise<ComponentType<P>>,
  isOpen: (props: P) => boolean,
): ComponentType<P> {
  const part = lazyPart(fetch);
  return function LazyDialog(props: P) {
    const [Dialog] = useState(() => lazyComponent(part));
    const [opened, setOpened] = useState(() => isOpen(props));
    if (!opened && isOpen(props)) setOpened(true);
    return opened ? (
      <Suspense fallback={null}>
        <Dialog {...props} />
      </Suspense>
    ) : null;
  };
}
