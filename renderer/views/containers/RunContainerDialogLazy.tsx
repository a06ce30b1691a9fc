/**
 * The "Run a container" dialog, loaded the first time it opens: its form validates with the contract's
 * schemas (zod), which the Containers and Images tables do not need to show their rows. Once opened it
 * stays mounted, as the dialog itself would.
 */
import { lazy, Suspense, useState } from 'react';
import type { RunContainerDialogProps } from './RunContainerDialog';

const RunContainerDialog = lazy(() => import('./RunContainerDialog').then((m) => ({ default: m.RunContainerDialog })));

export function RunContainerDialogLazy(props: RunContainerDialogProps) {
  const [opened, setOpened] = useState(props.open);
  if (props.open && !opened) setOpened(true);
  return opened ? (
    <Suspense fallback={null}>
      <RunContainerDialog {...props} />
    </Suspense>
  ) : null;
}
