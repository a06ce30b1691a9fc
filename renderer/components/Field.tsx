/** Rows of a `.form-grid`: a label in the first column, the control (and what is wrong with it) in the second. */
import type { InputHTMLAttributes, ReactNode } from 'react';

/** A label and, in a wrapper next to it, the control with its messages. */
export function Field(props: { id: string; label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <div className={props.className}>{props.children}</div>
    </>
  );
}

/** What is wrong with a field, when something is. */
export function FieldMessage(props: { message: ReactNode; testId?: string; field?: string }) {
  if (!props.message) return null;
  return (
    <div className="field-error" role="alert" data-testid={props.testId} data-field={props.field}>
      {props.message}
    </div>
  );
}

/** A label and a text input side by side; `onValue` gets the input's value. */
export function InputRow({
  id,
  label,
  onValue,
  ...input
}: { id: string; label: ReactNode; onValue(value: string): void } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'onChange'
>) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input id={id} {...input} onChange={(e) => onValue(e.target.value)} />
    </>
  );
}

/** A form-level error line, when there is one. */
export function FormAlert({ message }: { message: ReactNode }) {
  if (!message) return null;
  return (
    <p className="field-error" role="alert">
      {message}
    </p>
  );
}

/** An input with a list of suggestions (a <datalist> with id `listId`). */
export function SuggestInput({
  listId,
  options,
  ...input
}: { listId: string; options: string[] } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <>
      <input list={listId} {...input} />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
    </>
  );
}
