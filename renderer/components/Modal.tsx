/** A modal <dialog> driven by `open`; Escape or Cancel calls onClose. Shared by the images, volumes and networks views. */
import type { ReactNode } from 'react';
import { useDialog } from './useDialog';
import './forms.css';

interface Props {
  open: boolean;
  title: string;
  onClose(): void;
  /** Called on Enter / the submit button; the form never navigates. */
  onSubmit?(): void;
  children: ReactNode;
  actions: ReactNode;
  testId?: string;
  wide?: boolean;
}

export function Modal({ open, title, onClose, onSubmit, children, actions, testId, wide }: Props) {
  const ref = useDialog(open);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog img-dialog-wide' : 'dialog'}
      data-testid={testId}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSubmit?.();
          }}
        >
          <h2>{title}</h2>
          {children}
          <div className="dialog-actions">{actions}</div>
        </form>
      )}
    </dialog>
  );
}

/** An API error under a form: what happened and what to do. */
export function FormError({ error }: { error: { message: string; hint?: string } | undefined }) {
  if (!error) return null;
  return (
    <div className="img-form-error" role="alert">
      {error.message}
      {error.hint && <div className="muted">{error.hint}</div>}
    </div>
  );
}
