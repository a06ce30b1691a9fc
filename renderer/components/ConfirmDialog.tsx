/** One confirmation dialog for the whole app: `await confirm({...})` resolves true only on an explicit yes. */
import { create } from 'zustand';
import { CancelSubmit } from './CancelSubmit';
import { useDialog } from './useDialog';

interface Request {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
  /** An extra opt-in checkbox, e.g. "Also remove volumes". */
  option?: string;
  resolve(answer: { ok: boolean; option: boolean }): void;
}

const useConfirm = create<{ request: Request | undefined; option: boolean }>()(() => ({
  request: undefined,
  option: false,
}));

export function confirm(request: Omit<Request, 'resolve'>): Promise<{ ok: boolean; option: boolean }> {
  return new Promise((resolve) => useConfirm.setState({ request: { ...request, resolve }, option: false }));
}

export function ConfirmDialog() {
  const { request, option } = useConfirm();
  const ref = useDialog(request !== undefined);
  const answer = (ok: boolean) => {
    request?.resolve({ ok, option: ok && option });
    useConfirm.setState({ request: undefined });
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      onCancel={() => answer(false)}
      data-testid="confirm"
      aria-labelledby="confirm-title"
    >
      {request && (
        <form method="dialog" onSubmit={(e) => (e.preventDefault(), answer(true))}>
          <h2 id="confirm-title">{request.title}</h2>
          <p>{request.message}</p>
          {request.option && (
            <label className="check">
              <input
                type="checkbox"
                checked={option}
                onChange={(e) => useConfirm.setState({ option: e.target.checked })}
              />
              {request.option}
            </label>
          )}
          <div className="dialog-actions">
            <CancelSubmit
              onCancel={() => answer(false)}
              submit={request.confirmLabel ?? 'OK'}
              submitClass={request.danger ? 'danger' : 'primary'}
              autoFocus
            />
          </div>
        </form>
      )}
    </dialog>
  );
}
