/**
 * Delete with a propagation policy, after showing what goes with the object (what it owns, down the
 * chain): Background (the default: owned objects are removed after it), Foreground (they go first), Orphan
 * (they stay, without an owner).
 */
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { CancelSubmit } from '../../../components/CancelSubmit';
import { FormError, Modal } from '../../../components/Modal';
import { notify } from '../../../stores/toastStore';
import { useSubmit } from '../../../components/useSubmit';
import type { Dependent, PropagationPolicy } from '../../../../contract/kubeActions';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import { refKey } from './refs';

const POLICIES: { value: PropagationPolicy; label: string }[] = [
  { value: 'Background', label: 'Background — delete it now, what it owns right after' },
  { value: 'Foreground', label: 'Foreground — delete what it owns first, then it' },
  { value: 'Orphan', label: 'Orphan — keep what it owns' },
];

export function DeleteDialog({ object, onClose }: { object: KubeObjectRef; onClose(): void }) {
  const [policy, setPolicy] = useState<PropagationPolicy>('Background');
  const [dependents, setDependents] = useState<Dependent[]>();
  const { error, run } = useSubmit();
  useEffect(() => {
    api.kube.dependents(object).then(setDependents, () => setDependents([]));
    // `refKey` stands for the object: an equal ref on a re-render must not load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refKey(object)]);
  const submit = () =>
    run(async () => {
      await api.kube.deleteObject({ ...object, propagationPolicy: policy });
      notify('success', `Deleted ${object.name}`);
      onClose();
    });
  return (
    <Modal
      open
      title={`Delete ${object.resource}/${object.name}?`}
      testId="delete-object"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={<CancelSubmit onCancel={onClose} submit="Delete" submitClass="danger" />}
    >
      {dependents === undefined && <p className="muted">Looking for what it owns…</p>}
      {dependents && dependents.length === 0 && <p>It owns nothing Berth can see.</p>}
      {dependents && dependents.length > 0 && (
        <>
          <p>It owns {dependents.length} object(s):</p>
          <ul className="dependents mono" data-testid="dependents">
            {dependents.map((d) => (
              <li key={`${d.kind}/${d.name}`} style={{ paddingLeft: (d.depth - 1) * 16 }}>
                {d.kind}/{d.name}
              </li>
            ))}
          </ul>
        </>
      )}
      <fieldset className="field">
        <legend>What happens to them</legend>
        {POLICIES.map((p) => (
          <label key={p.value} className="check">
            <input type="radio" name="policy" checked={policy === p.value} onChange={() => setPolicy(p.value)} />
            {p.label}
          </label>
        ))}
      </fieldset>
      <FormError error={error} />
    </Modal>
  );
}
