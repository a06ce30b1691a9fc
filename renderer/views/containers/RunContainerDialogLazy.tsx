/**
 * The "Run a container" dialog, loaded the first time it opens: its form validates with the contract's
 * schemas (zod), which the Containers and Images tables do not need to show their rows.
 */
import { lazyDialog } from '../../components/lazyDialog';
import type { RunContainerDialogProps } from './RunContainerDialog';

export const RunContainerDialogLazy = lazyDialog<RunContainerDialogProps>(
  () => import('./RunContainerDialog').then((m) => m.RunContainerDialog),
  (p) => p.open,
);
