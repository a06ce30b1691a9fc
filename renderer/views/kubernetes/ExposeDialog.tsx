/** Exposes a deployment as a Service (ClusterIP or NodePort): the Service's name, port and target port. */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { KubeDeployment } from '../../../contract/kube';
import { toApiError } from '../../common/apiError';
import { CancelSubmit } from '../../components/CancelSubmit';
import { Field, FieldMessage } from '../../components/Field';
import { FormError, Modal } from '../../components/Modal';
import { notify } from '../../stores/toastStore';
import { checkExposeForm, type ExposeForm } from './exposeForm';

export function ExposeDialog({
  context,
  deployment,
  onClose,
}: {
  context: string;
  deployment: KubeDeployment | undefined;
  onClose(): void;
}) {
  const [form, setForm] = useState<ExposeForm>({ service: '', type: 'ClusterIP', port: '', targetPort: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof ExposeForm, string>>>({});
  const [error, setError] = useState<{ message: string; hint?: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (deployment) {
      setForm({ service: deployment.name, type: 'ClusterIP', port: '80', targetPort: '' });
      setErrors({});
      setError(undefined);
    }
  }, [deployment]);
  const set = (patch: Partial<ExposeForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = async () => {
    if (!deployment) return;
    const check = checkExposeForm(form, { context, namespace: deployment.namespace, name: deployment.name });
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setError(undefined);
    setBusy(true);
    try {
      const out = await api.kube.expose(check.input);
      notify('success', `Service ${out.service} created`, `${form.type} for deployment ${deployment.name}`);
      onClose();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={deployment !== undefined}
      title={`Expose deployment ${deployment?.name ?? ''}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="expose-dialog"
      actions={<CancelSubmit onCancel={onClose} submit={busy ? 'Creating…' : 'Create Service'} disabled={busy} />}
    >
      <div className="form-grid">
        <Field id="expose-service" label="Service name">
          <input id="expose-service" value={form.service} onChange={(e) => set({ service: e.target.value })} />
          <FieldMessage message={errors.service} />
        </Field>
        <Field id="expose-type" label="Type">
          <select
            id="expose-type"
            value={form.type}
            onChange={(e) => set({ type: e.target.value as ExposeForm['type'] })}
          >
            <option value="ClusterIP">ClusterIP (inside the cluster)</option>
            <option value="NodePort">NodePort (on every node)</option>
          </select>
        </Field>
        <Field id="expose-port" label="Port">
          <input
            id="expose-port"
            inputMode="numeric"
            value={form.port}
            onChange={(e) => set({ port: e.target.value })}
          />
          <FieldMessage message={errors.port} />
        </Field>
        <Field id="expose-target" label="Target port">
          <input
            id="expose-target"
            inputMode="numeric"
            placeholder="same as port"
            value={form.targetPort}
            onChange={(e) => set({ targetPort: e.target.value })}
          />
          <FieldMessage message={errors.targetPort} />
        </Field>
      </div>
      <FormError error={error} />
    </Modal>
  );
}
