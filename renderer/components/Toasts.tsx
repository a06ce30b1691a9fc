import { useToasts } from '../stores/toastStore';

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast ${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <div className="toast-title">{t.title}</div>
          {t.message && <div>{t.message}</div>}
          {t.hint && <div className="muted">{t.hint}</div>}
          <button className="small link" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
