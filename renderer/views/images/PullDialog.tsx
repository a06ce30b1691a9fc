/** Pull by reference; the pull itself runs as a task (progress and cancel in the task center). */
import { useState } from 'react';
import { api } from '../../api';
import { CancelSubmit } from '../../components/CancelSubmit';
import { FormError, Modal } from '../../components/Modal';
import { useSubmit } from '../../components/useSubmit';
import { ReferenceField } from './ReferenceField';

export function PullDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [reference, setReference] = useState('');
  const { error, setError, busy, run } = useSubmit();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const submit = () =>
    run(async () => {
      await api.images.pull({ reference });
      setReference('');
      close();
    });
  return (
    <Modal
      open={open}
      title="Pull an image"
      onClose={close}
      onSubmit={() => void submit()}
      testId="pull-dialog"
      actions={<CancelSubmit onCancel={close} submit="Pull" disabled={busy || !reference.trim()} />}
    >
      <ReferenceField
        caption="Image reference"
        label="Image reference"
        placeholder="redis:7, ghcr.io/org/app:1.2, 127.0.0.1:5000/team/app"
        value={reference}
        onValue={setReference}
        invalid={error?.code === 'invalid_input'}
      />
      <p className="muted img-small-print">
        No tag means <span className="mono">:latest</span>. Credentials for private registries come from your docker
        config (<span className="mono">docker login</span>).
      </p>
      <FormError error={error} />
    </Modal>
  );
}
