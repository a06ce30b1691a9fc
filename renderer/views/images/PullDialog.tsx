/** Pull by reference; the pull itself runs as a task (progress and cancel in the task center). */
import { useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/errors';
import { FormError, Modal } from './Modal';

export function PullDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [reference, setReference] = useState('');
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setError(undefined);
    onClose();
  };
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.images.pull({ reference });
      setReference('');
      close();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('internal', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title="Pull an image"
      onClose={close}
      onSubmit={() => void submit()}
      testId="pull-dialog"
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !reference.trim()}>
            Pull
          </button>
        </>
      }
    >
      <label className="img-field">
        <span>Image reference</span>
        <input
          autoFocus
          className="mono"
          aria-label="Image reference"
          placeholder="redis:7, ghcr.io/org/app:1.2, 127.0.0.1:5000/team/app"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          aria-invalid={error?.code === 'invalid_input'}
        />
      </label>
      <p className="muted img-small-print">
        No tag means <span className="mono">:latest</span>. Credentials for private registries come from your docker
        config (<span className="mono">docker login</span>).
      </p>
      <FormError error={error} />
    </Modal>
  );
}
