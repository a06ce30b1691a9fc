/**
 * Create a Deployment, Service, ConfigMap, Secret or Job from a small form: checked by the contract's
 * schema here, then dry-run by the API server (Review), then created. Secret values are typed in a
 * password-style area and kept only while the dialog is open.
 */
import { useState } from 'react';
import { api } from '../../../api';
import { toErrorShape } from '../../../common/apiError';
import { FormError, Modal } from '../../../components/Modal';
import { notify } from '../../../stores/toastStore';
import type { ApiErrorShape } from '../../../../contract/errors';
import { CreateForm } from '../../../../contract/kubeActions';
import type { KubeTarget } from '../../../../contract/kubeBase';
import { emptyFields, toCreateForm, type CreateFields, type CreateKind } from './createForm';

const KINDS: CreateKind[] = ['Deployment', 'Service', 'ConfigMap', 'Secret', 'Job'];

export function CreateDialog({
  target,
  namespace,
  onClose,
}: {
  target: KubeTarget;
  namespace: string;
  onClose(): void;
}) {
  const [f, setF] = useState<CreateFields>(emptyFields('Deployment'));
  const [error, setError] = useState<ApiErrorShape>();
  const [preview, setPreview] = useState<string>();
  const set = (patch: Partial<CreateFields>) => {
    setF({ ...f, ...patch });
    setPreview(undefined);
  };
  const submit = async () => {
    setError(undefined);
    const built = toCreateForm(f);
    if ('error' in built) return setError({ code: 'invalid_input', message: built.error });
    const checked = CreateForm.safeParse(built.form);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      return setError({
        code: 'invalid_input',
        message: `${issue?.path.join('.') || 'form'}: ${issue?.message ?? ''}`,
      });
    }
    try {
      const out = await api.kube.createFromForm({
        ...target,
        namespace,
        form: built.form,
        dryRun: preview === undefined,
      });
      if (preview === undefined) return setPreview(out.yaml);
      notify('success', `Created ${f.kind} ${out.object.name}`);
      onClose();
    } catch (e) {
      setError(toErrorShape(e));
    }
  };
  const text = (label: string, key: keyof CreateFields, placeholder = '') => (
    <label className="field">
      {label}
      <input value={f[key]} placeholder={placeholder} onChange={(e) => set({ [key]: e.target.value })} />
    </label>
  );
  return (
    <Modal
      open
      title={`Create in ${namespace}`}
      testId="create-object"
      onClose={onClose}
      onSubmit={() => void submit()}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            {preview === undefined ? 'Review' : 'Create'}
          </button>
        </>
      }
    >
      <label className="field">
        Kind
        <select value={f.kind} onChange={(e) => setF({ ...emptyFields(e.target.value as CreateKind), name: f.name })}>
          {KINDS.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      {text('Name', 'name', 'web')}
      {(f.kind === 'Deployment' || f.kind === 'Job') && text('Image', 'image', 'nginx:1.27')}
      {f.kind === 'Deployment' && text('Replicas', 'replicas')}
      {f.kind === 'Deployment' && text('Container port (optional)', 'port', '8080')}
      {f.kind === 'Job' && text('Command (optional)', 'command', 'echo hello')}
      {f.kind === 'Service' && (
        <>
          <label className="field">
            Type
            <select
              value={f.serviceType}
              onChange={(e) => set({ serviceType: e.target.value as CreateFields['serviceType'] })}
            >
              <option>ClusterIP</option>
              <option>NodePort</option>
              <option>LoadBalancer</option>
            </select>
          </label>
          {text('Port', 'port', '80')}
          {text('Target port (default: the port)', 'targetPort', '8080')}
        </>
      )}
      {(f.kind === 'Service' || f.kind === 'ConfigMap' || f.kind === 'Secret') && (
        <label className="field">
          {f.kind === 'Service' ? 'Selector (KEY=value per line)' : 'Data (KEY=value per line)'}
          <textarea
            className={`mono${f.kind === 'Secret' ? ' secret-input' : ''}`}
            rows={4}
            autoComplete="off"
            spellCheck={false}
            value={f.pairs}
            placeholder={f.kind === 'Service' ? 'app=web' : 'KEY=value'}
            onChange={(e) => set({ pairs: e.target.value })}
          />
        </label>
      )}
      {preview !== undefined && (
        <>
          <p className="muted">The API server accepts it (dry-run):</p>
          <pre className="yaml-diff mono" data-testid="create-preview">
            {preview}
          </pre>
        </>
      )}
      <FormError error={error} />
    </Modal>
  );
}
