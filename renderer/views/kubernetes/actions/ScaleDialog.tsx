/** Scale any kind with a scale subresource (Deployments, StatefulSets, ReplicaSets) to a typed count. */
import { useState } from 'react';
import { api } from '../../../api';
import { toErrorShape } from '../../../common/apiError';
import { CancelSubmit } from '../../../components/CancelSubmit';
import { FormError, Modal } from '../../../components/Modal';
import { notify } from '../../../stores/toastStore';
import type { ApiErrorShape } from '../../../../contract/errors';
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
  const [error, setError] = useState<ApiErrorShape>();
  const submit = async () => {
    const check = checkReplicas(text);
    if (!check.ok) return setError({ code: 'invalid_input', message: check.message });
    try {
      const out = await api.kube.scaleObject({ ...object, replicas: check.replicas });
      notify('success', `Scaled ${object.name} to ${out.replicas}`);
      onClose();
    } catch (e) {
      setError(toErrorShape(e));
    }
  };
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
