/**
 * The create dialog of the volumes and networks views: the given rows, then labels (`key=value` per line);
 * creates on submit, says so in a toast and closes, or shows the error under the form.
 */
import { useState, type ReactNode } from 'react';
import { toApiError } from '../../common/apiError';
import { CancelSubmit } from '../../components/CancelSubmit';
import { FormError, Modal } from '../../components/Modal';
import { notify } from '../../stores/toastStore';
import { parseLabels } from './labelsText';

interface Props {
  open: boolean;
  onClose(): void;
  title: string;
  testId: string;
  /** The labels textarea's id. */
  labelsId: string;
  labels: string;
  onLabels(value: string): void;
  canCreate?: boolean;
  /** Creates it with the parsed labels; resolves to the success message. */
  create(labels: Record<string, string>): Promise<string>;
  /** Resets the form after a success. */
  onCreated(): void;
  children: ReactNode;
}

export function CreateDialog(props: Props) {
  const [error, setError] = useState<{ message: string; hint?: string } | undefined>();
  const close = () => {
    setError(undefined);
    props.onClose();
  };
  const submit = async () => {
    const parsed = parseLabels(props.labels);
    if ('error' in parsed) return setError({ message: parsed.error });
    try {
      notify('success', await props.create(parsed.labels));
      props.onCreated();
      close();
    } catch (e) {
      setError(toApiError(e));
    }
  };
  return (
    <Modal
      open={props.open}
      title={props.title}
      onClose={close}
      onSubmit={() => void submit()}
      testId={props.testId}
      actions={<CancelSubmit onCancel={close} submit="Create" disabled={props.canCreate === false} />}
    >
      <div className="form-grid">
        {props.children}
        <label htmlFor={props.labelsId}>Labels</label>
        <textarea
          id={props.labelsId}
          className="mono"
          rows={2}
          placeholder="team=web"
          value={props.labels}
          onChange={(e) => props.onLabels(e.target.value)}
        />
      </div>
      <FormError error={error} />
    </Modal>
  );
}
