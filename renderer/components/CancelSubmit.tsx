/** The end of most dialogs: Cancel, then the submit button. */
import type { ReactNode } from 'react';

/** A dialog's Cancel button and its submit button (primary unless `submitClass` says otherwise). */
export function CancelSubmit(props: {
  onCancel(): void;
  submit: ReactNode;
  submitClass?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      <button
        type="submit"
        className={props.submitClass ?? 'primary'}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
      >
        {props.submit}
      </button>
    </>
  );
}
