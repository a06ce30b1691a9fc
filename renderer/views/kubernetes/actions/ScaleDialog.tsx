/** Scale any kind with a scale subresource (Deployments, StatefulSets, ReplicaSets) to a typed count. */
import { useState } from 'react';
import { api } from '../../../api';
import { CancelSubmit } from '../../../components/CancelSubmit';
import { FormError, Modal } from '../../../components/Modal';
import { notify } from '../../../stores/toastStore';
import { ApiError } from '../../../../contract/apiError';
import { useSubmit } from '../../../components/useSubmit';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import { checkReplicas } from '../scaleInput';

export function ScaleDialog({
  object,
  replicas,
  onClose,
}: {
  object: KubeObjectRef;
  replicas?: number;
  onClose(): void;
}) {
  const [text, setText] = useState(String(replicas ?? 1));
  const { error, run } = useSubmit();
  const submit = () =>
    run(async () => {
      const check = checkReplicas(text);
      if (!check.ok) throw new ApiError('invalid_input', check.message);
      const out = await api.kube.scaleObject({ ...object, replicas: check.replicas });
      notify('success', `Scaled ${object.name} to ${out.replicas}`);
      onClose();
    });
  return (
    <Modal
      open
      title={`Scale ${object.name}`}
      testId="scale-object"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={<CancelSubmit onCancel={onClose} submit="Scale" />}
    >
      <label className="field">
        Replicas
        <input type="number" min={0} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      </label>
      <FormError error={error} />
    </Modal>
  );
}
