/** Create a volume: name (or anonymous), driver, labels. */
import { useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/errors';
import { notify } from '../../stores/toastStore';
import { FormError, Modal } from '../images/Modal';
import { parseLabels } from './labelsText';

export function CreateVolumeDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [labels, setLabels] = useState('');
  const [error, setError] = useState<{ message: string; hint?: string } | undefined>();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const submit = async () => {
    const parsed = parseLabels(labels);
    if ('error' in parsed) return setError({ message: parsed.error });
    try {
      const v = await api.volumes.create({
        ...(name.trim() ? { name: name.trim() } : {}),
        driver,
        labels: parsed.labels,
      });
      notify('success', `Created volume ${v.name}`);
      setName('');
      setLabels('');
      close();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('internal', String(e)));
    }
  };
  return (
    <Modal
      open={open}
      title="Create a volume"
      onClose={close}
      onSubmit={() => void submit()}
      testId="create-volume"
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Create
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="volume-name">Name</label>
        <input
          id="volume-name"
          autoFocus
          className="mono"
          placeholder="(generated when empty)"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <label htmlFor="volume-driver">Driver</label>
        <input id="volume-driver" className="mono" value={driver} onChange={(e) => setDriver(e.target.value)} />
        <label htmlFor="volume-labels">Labels</label>
        <textarea
          id="volume-labels"
          className="mono"
          rows={2}
          placeholder="team=web"
          value={labels}
          onChange={(e) => setLabels(e.target.value)}
        />
      </div>
      <FormError error={error} />
    </Modal>
  );
}
