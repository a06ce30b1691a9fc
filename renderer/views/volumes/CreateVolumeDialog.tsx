/** Create a volume: name (or anonymous), driver, labels. */
import { useState } from 'react';
import { api } from '../../api';
import { InputRow } from '../../components/Field';
import { CreateDialog } from './CreateDialog';

export function CreateVolumeDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [labels, setLabels] = useState('');
  return (
    <CreateDialog
      open={open}
      onClose={onClose}
      title="Create a volume"
      testId="create-volume"
      labelsId="volume-labels"
      labels={labels}
      onLabels={setLabels}
      create={async (parsed) => {
        const v = await api.volumes.create({
          ...(name.trim() ? { name: name.trim() } : {}),
          driver,
          labels: parsed,
        });
        return `Created volume ${v.name}`;
      }}
      onCreated={() => {
        setName('');
        setLabels('');
      }}
    >
      <InputRow
        id="volume-name"
        label="Name"
        autoFocus
        className="mono"
        placeholder="(generated when empty)"
        value={name}
        onValue={setName}
      />
      <InputRow id="volume-driver" label="Driver" className="mono" value={driver} onValue={setDriver} />
    </CreateDialog>
  );
}
