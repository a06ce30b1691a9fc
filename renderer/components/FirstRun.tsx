/**
 * The first-run checklist: opens by itself on first launch (until dismissed) — in the desktop app, and in a
 * browser opened at Berth's own address (what `npm run web` prints); the shell (App.tsx) decides that and
 * mounts this once it opens — and from Settings or the Help menu any time. Berth works with whatever is
 * installed; this only says what is missing.
 */
import { attempt } from '../stores/toastStore';
import { closeFirstRun, saveSettings, useSettings } from '../stores/settingsStore';
import { FirstRunChecklist } from './FirstRunChecklist';
import { useDialog } from './useDialog';

export function FirstRun() {
  const open = useSettings((s) => s.firstRunOpen);
  const firstRunDone = useSettings((s) => s.snapshot?.values.firstRunDone);
  const ref = useDialog(open);
  const done = () => {
    closeFirstRun();
    if (firstRunDone === false) void attempt('Could not save settings', () => saveSettings({ firstRunDone: true }));
  };
  return (
    <dialog
      ref={ref}
      className="dialog first-run"
      onCancel={done}
      data-testid="first-run"
      aria-labelledby="first-run-title"
    >
      {open && (
        <>
          <h2 id="first-run-title">Welcome to Berth</h2>
          <p className="muted">
            Berth looks for these on your machine. Only the Docker engine is needed; the rest turn on the Compose and
            Kubernetes views. You can run this check again from Settings.
          </p>
          <FirstRunChecklist />
          <div className="dialog-actions">
            <button className="primary" onClick={done} autoFocus>
              Done
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
