/** Create a network: name, driver, optional subnet/gateway, internal, attachable, labels. */
import { useState } from 'react';
import { api } from '../../api';
import { InputRow } from '../../components/Field';
import { CreateDialog } from '../volumes/CreateDialog';

const empty = { name: '', driver: 'bridge', subnet: '', gateway: '', internal: false, attachable: false, labels: '' };
type TextKey = 'name' | 'driver' | 'subnet' | 'gateway';

export function CreateNetworkDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [form, setForm] = useState(empty);
  const set = <K extends keyof typeof empty>(k: K, v: (typeof empty)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (key: TextKey, label: string, extra?: { placeholder?: string; autoFocus?: boolean }) => (
    <InputRow
      id={`network-${key}`}
      label={label}
      className="mono"
      value={form[key]}
      onValue={(v) => set(key, v)}
      {...extra}
    />
  );
  return (
    <CreateDialog
      open={open}
      onClose={onClose}
      title="Create a network"
      testId="create-network"
      labelsId="network-labels"
      labels={form.labels}
      onLabels={(v) => set('labels', v)}
      canCreate={Boolean(form.name.trim())}
      create={async (labels) => {
        const n = await api.networks.create({
          name: form.name.trim(),
          driver: form.driver.trim() || 'bridge',
          ...(form.subnet.trim() ? { subnet: form.subnet.trim() } : {}),
          ...(form.gateway.trim() ? { gateway: form.gateway.trim() } : {}),
          internal: form.internal,
          attachable: form.attachable,
          labels,
        });
        return `Created network ${n.name}`;
      }}
      onCreated={() => setForm(empty)}
    >
      {text('name', 'Name', { autoFocus: true })}
      {text('driver', 'Driver')}
      {text('subnet', 'Subnet', { placeholder: '172.30.0.0/16 (automatic when empty)' })}
      {text('gateway', 'Gateway', { placeholder: '172.30.0.1' })}
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
    </CreateDialog>
  );
}
