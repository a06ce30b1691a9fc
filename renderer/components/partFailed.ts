/**
 * What the shell does when a part's code (common/lazyPart.ts: the palette, the task center, the engine
 * picker, the first-run checklist) cannot be fetched: it closes what asked for the part, whose open flag
 * would otherwise stay set with nothing to show (so asking again would change nothing), and a toast says
 * so; opened again, the part is fetched afresh.
 */
import { notify } from '../stores/toastStore';

/** The `onFailed` of useLazyPart for the part called `what`, which `close` closes. */
export function partFailed(what: string, close: () => void): () => void {
  return () => {
    close();
    notify(
      'error',
      `Could not open the ${what}`,
      'Its code could not be loaded.',
      'Try again; if it keeps failing, reload the window.',
    );
  };
}
