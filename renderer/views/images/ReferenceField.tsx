/** The image-reference box of the pull and tag dialogs: a caption over a focused, monospaced input. */
import type { ReactNode } from 'react';

export function ReferenceField(props: {
  caption: ReactNode;
  /** The input's accessible name. */
  label: string;
  placeholder: string;
  value: string;
  onValue(value: string): void;
  invalid?: boolean;
}) {
  return (
    <label className="img-field">
      <span>{props.caption}</span>
      <input
        autoFocus
        className="mono"
        aria-label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onValue(e.target.value)}
        aria-invalid={props.invalid}
      />
    </label>
  );
}
