/** Create a network: name, driver, optional subnet/gateway, internal, attachable, labels. */
import { useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/errors';
import { notify } from '../../stores/toastStore';
import { FormError, Modal } from '../images/Modal';
import { parseLabels } from '../volumes/labelsText';

const empty = { name: '', driver: 'bridge', subnet: '', gateway: '', internal: false, attachable: false, labels: '' };

export function CreateNetworkDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<{ message: string; hint?: string } | undefined>();
  const set = <K extends keyof typeof empty>(k: K, v: (typeof empty)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const close = () => {
    setError(undefined);
    onClose();
  };
  const submit = async () => {
    const parsed = parseLabels(form.labels);
    if ('error' in parsed) return setError({ message: parsed.error });
    try {
      const n = await api.networks.create({
        name: form.name.trim(),
        driver: form.driver.trim() || 'bridge',
        ...(form.subnet.trim() ? { subnet: form.subnet.trim() } : {}),
        ...(form.gateway.trim() ? { gateway: form.gateway.trim() } : {}),
        internal: form.internal,
        attachable: form.attachable,
        labels: parsed.labels,
      });
      notify('success', `Created network ${n.name}`);
      setForm(empty);
      close();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError('internal', String(e)));
    }
  };
  return (
    <Modal
      open={open}
      title="Create a network"
      onClose={close}
      onSubmit={() => void submit()}
      testId="create-network"
      actions={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!form.name.trim()}>
            Create
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="network-name">Name</label>
        <input
          id="network-name"
          autoFocus
          className="mono"
          value={form.name}
          onChange={(e) => set('name', e.target.value)}
        />
        <label htmlFor="network-driver">Driver</label>
        <input
          id="network-driver"
          className="mono"
          value={form.driver}
          onChange={(e) => set('driver', e.target.value)}
        />
        <label htmlFor="network-subnet">Subnet</label>
        <input
          id="network-subnet"
          className="mono"
          placeholder="172.30.0.0/16 (automatic when empty)"
          value={form.subnet}
          onChange={(e) => set('subnet', e.target.value)}
        />
        <label htmlFor="network-gateway">Gateway</label>
        <input
          id="network-gateway"
          className="mono"
          placeholder="172.30.0.1"
          value={form.gateway}
          onChange={(e) => set('gateway', e.target.value)}
        />
        <span />
        <span className="img-field-row">
          <label className="check">
            <input type="checkbox" checked={form.internal} onChange={(e) => set('internal', e.target.checked)} />
            Internal (no outside access)
          </label>
          <label className="check">
            <input type="checkbox" checked={form.attachable} onChange={(e) => set('attachable', e.target.checked)} />
            Attachable
          </label>
        </span>
        <label htmlFor="network-labels">Labels</label>
        <textarea
          id="network-labels"
          className="mono"
          rows={2}
          placeholder="team=web"
          value={form.labels}
          onChange={(e) => set('labels', e.target.value)}
        />
      </div>
      <FormError error={error} />
    </Modal>
  );
}
