/**
 * Deploy an image: a deployment (and optionally a service) from image, replicas and ports. On a kind
 * cluster a locally built image is first loaded into the nodes with `kind load docker-image`, as a task.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/apiError';
import { errorLine, toApiError } from '../../common/apiError';
import { CancelSubmit } from '../../components/CancelSubmit';
import { Field, FieldMessage, FormAlert } from '../../components/Field';
import { useImages } from '../../stores/dockerStores';
import { useKube } from '../../stores/kubeStore';
import { notify } from '../../stores/toastStore';
import { checkDeployForm, nameFromImage, type DeployForm } from './deployForm';
import { useDialog } from '../../components/useDialog';

const empty = (namespace: string): DeployForm => ({
  name: '',
  image: '',
  namespace: namespace || 'default',
  replicas: '1',
  ports: '',
  service: 'none',
});

function useLocalImages(open: boolean): Set<string> {
  const items = useImages((s) => s.items);
  useEffect(() => (open ? useImages.getState().retain() : undefined), [open]);
  return new Set([...items.values()].flatMap((i) => i.repoTags));
}

export function DeployDialog({ context, open, onClose }: { context: string; open: boolean; onClose(): void }) {
  const namespace = useKube((s) => s.namespace);
  const kindCluster = useKube((s) => s.contexts.find((c) => c.name === context)?.kindCluster);
  const [form, setForm] = useState<DeployForm>(() => empty(namespace));
  const [errors, setErrors] = useState<Partial<Record<keyof DeployForm, string>>>({});
  const [general, setGeneral] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [loadFirst, setLoadFirst] = useState(true);
  const [onControlPlane, setOnControlPlane] = useState(true);
  const ref = useDialog(open, () => {
    setForm(empty(namespace));
    setErrors({});
    setGeneral(undefined);
  });
  const local = useLocalImages(open && Boolean(kindCluster));
  const image = form.image.trim();
  const isLocal = Boolean(kindCluster) && (local.has(image) || local.has(`${image}:latest`));
  const set = (patch: Partial<DeployForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async () => {
    const check = checkDeployForm(form, context);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setGeneral(undefined);
    setBusy(true);
    try {
      if (isLocal && loadFirst && kindCluster) {
        const { taskId } = await api.kube.kindLoad({ cluster: kindCluster, image: check.input.image });
        const task = await api.tasks.wait({ id: taskId });
        if (task.state !== 'succeeded') throw ApiError.from(task.error ?? { code: 'failed', message: task.message });
      }
      // A local image is in the nodes (loaded now or before): never try to pull it from a registry.
      const out = await api.kube.deploy({
        ...check.input,
        ...(isLocal ? { imagePullPolicy: 'IfNotPresent' as const } : {}),
        onControlPlane: Boolean(kindCluster) && onControlPlane,
      });
      const where = check.input.namespace;
      const shown = useKube.getState().namespace;
      useKube.getState().showDeployed({ context, namespace: where, name: out.deployment });
      notify(
        'success',
        `Deployed ${out.deployment} to namespace ${where}`,
        [
          `On ${context}${out.service ? `, with service ${out.service}` : ''}.`,
          shown !== '' && shown !== where ? `Now showing namespace ${where}.` : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
      onClose();
    } catch (e) {
      setGeneral(errorLine(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof DeployForm, label: string, input: React.ReactNode) => (
    <Field id={`deploy-${key}`} label={label}>
      {input}
      <FieldMessage message={errors[key]} />
    </Field>
  );

  return (
    <dialog
      ref={ref}
      className="dialog kube-dialog"
      onCancel={onClose}
      data-testid="deploy-dialog"
      aria-labelledby="deploy-title"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="deploy-title">Deploy an image</h2>
        <div className="form-grid">
          {field(
            'image',
            'Image',
            <input
              id="deploy-image"
              value={form.image}
              placeholder="nginx:1.27 or a local image"
              onChange={(e) => {
                const v = e.target.value;
                set({
                  image: v,
                  name: form.name && form.name !== nameFromImage(form.image) ? form.name : nameFromImage(v),
                });
              }}
              autoFocus
            />,
          )}
          {field(
            'name',
            'Name',
            <input id="deploy-name" value={form.name} onChange={(e) => set({ name: e.target.value })} />,
          )}
          {field(
            'namespace',
            'Namespace',
            <input id="deploy-namespace" value={form.namespace} onChange={(e) => set({ namespace: e.target.value })} />,
          )}
          {field(
            'replicas',
            'Replicas',
            <input
              id="deploy-replicas"
              inputMode="numeric"
              value={form.replicas}
              onChange={(e) => set({ replicas: e.target.value })}
            />,
          )}
          {field(
            'ports',
            'Ports',
            <input
              id="deploy-ports"
              value={form.ports}
              placeholder="80, 443"
              onChange={(e) => set({ ports: e.target.value })}
            />,
          )}
          {field(
            'service',
            'Service',
            <select
              id="deploy-service"
              value={form.service}
              onChange={(e) => set({ service: e.target.value as DeployForm['service'] })}
            >
              <option value="none">No service</option>
              <option value="ClusterIP">ClusterIP</option>
              <option value="NodePort">NodePort</option>
            </select>,
          )}
        </div>
        {kindCluster && (
          <label className="check">
            <input type="checkbox" checked={onControlPlane} onChange={(e) => setOnControlPlane(e.target.checked)} />
            Also run pods on the control-plane node (a local kind cluster: one more node to use)
          </label>
        )}
        {isLocal && (
          <label className="check">
            <input type="checkbox" checked={loadFirst} onChange={(e) => setLoadFirst(e.target.checked)} />
            {`${image} is a local image: load it into kind cluster ${kindCluster} first (kind load docker-image)`}
          </label>
        )}
        <FormAlert message={general} />
        <div className="dialog-actions">
          <CancelSubmit onCancel={onClose} submit={busy ? 'Deploying…' : 'Deploy'} disabled={busy} />
        </div>
      </form>
    </dialog>
  );
}
