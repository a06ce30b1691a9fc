/** The toasts in the corner: wrapped text, a link to what they are about, held while the pointer is over them. */
import { useEffect, useRef } from 'react';
import { useNav } from '../stores/navStore';
import { useToasts } from '../stores/toastStore';
import { CodeText } from './CodeText';

export function Toasts() {
  const { toasts, dismiss } = useToasts();
  const go = useNav((s) => s.go);
  const box = useRef<HTMLDivElement>(null);
  // Asked at expiry time (not tracked by enter/leave events, which a toast removed under the pointer skips).
  useEffect(() => {
    useToasts.setState({ held: () => box.current?.matches(':hover') ?? false });
  }, []);
  return (
    <div className="toasts" aria-live="polite" ref={box}>
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast ${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
          data-kind={t.kind}
        >
          <div className="toast-title">
            <CodeText text={t.title} />
          </div>
          {t.message && (
            <div>
              <CodeText text={t.message} />
            </div>
          )}
          {t.hint && (
            <div className="muted">
              <CodeText text={t.hint} />
            </div>
          )}
          {t.link && (
            <a
              className="toast-link"
              href={`#/${t.link.view}${t.link.detail ? `/${encodeURIComponent(t.link.detail)}` : ''}`}
              onClick={(e) => {
                e.preventDefault();
                if (t.link) go(t.link.view, t.link.detail);
                dismiss(t.id);
              }}
            >
              {t.link.label}
            </a>
          )}
          <button className="small link toast-close" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
