/**
 * Create a kind cluster: name, control-plane and worker counts, node image, host port mappings. Shows the
 * kind config it will use; creating runs as a task with kind's own steps.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { errorLine, toApiError } from '../../common/apiError';
import { KindCreateInput } from '../../../contract/kube';
import { notify } from '../../stores/toastStore';
import { CancelSubmit } from '../../components/CancelSubmit';
import { FormAlert, InputRow } from '../../components/Field';
import { useDialog } from '../../components/useDialog';
import { useKube } from '../../stores/kubeStore';

interface PortRow {
  containerPort: string;
  hostPort: string;
  listenAddress: string;
}

const IMAGES = ['kindest/node:v1.34.0', 'kindest/node:v1.33.4', 'kindest/node:v1.32.8'];

export function KindCreateDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [name, setName] = useState('dev');
  const [controlPlanes, setControlPlanes] = useState('1');
  const [workers, setWorkers] = useState('0');
  const [image, setImage] = useState('');
  const [ports, setPorts] = useState<PortRow[]>([]);
  const [preview, setPreview] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [localImages, setLocalImages] = useState<string[]>([]);
  const ref = useDialog(open, () => setError(undefined));

  useEffect(() => {
    if (!open) return;
    let live = true;
    api.kube
      .kindNodeImages()
      .then((images) => live && setLocalImages(images))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [open]);

  const input = {
    name: name.trim(),
    controlPlanes: Number(controlPlanes),
    workers: Number(workers),
    image: image.trim() || undefined,
    ports: ports.map((p) => ({
      containerPort: Number(p.containerPort),
      hostPort: Number(p.hostPort),
      listenAddress: p.listenAddress.trim() || '127.0.0.1',
    })),
  };
  const parsed = KindCreateInput.safeParse(input);
  const problem = parsed.success
    ? undefined
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  const key = JSON.stringify(input);

  useEffect(() => {
    if (!open || !parsed.success) return;
    let live = true;
    const t = setTimeout(() => {
      api.kube
        .kindConfig(JSON.parse(key) as KindCreateInput)
        .then((r) => live && setPreview(r.yaml))
        .catch(() => {});
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [open, key, parsed.success]);

  const create = async () => {
    if (!parsed.success) return;
    setBusy(true);
    setError(undefined);
    try {
      const { taskId } = await api.kube.kindCreate(input);
      useKube.getState().showWhenCreated(taskId, `kind-${input.name}`);
      notify(
        'info',
        `Creating kind cluster ${input.name}`,
        'Progress is in the task center; its cluster map opens when it is ready.',
      );
      onClose();
    } catch (e) {
      setError(errorLine(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };
  const setPort = (i: number, patch: Partial<PortRow>) =>
    setPorts((rows) => rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <dialog
      ref={ref}
      className="dialog kube-dialog wide"
      onCancel={onClose}
      data-testid="kind-create-dialog"
      aria-labelledby="kind-create-title"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <h2 id="kind-create-title">Create a kind cluster</h2>
        <div className="form-grid">
          <InputRow id="kind-name" label="Name" value={name} onValue={setName} />
          <InputRow
            id="kind-cp"
            label="Control planes"
            type="number"
            min={1}
            max={5}
            value={controlPlanes}
            onValue={setControlPlanes}
          />
          <InputRow
            id="kind-workers"
            label="Workers"
            type="number"
            min={0}
            max={20}
            value={workers}
            onValue={setWorkers}
          />
          <InputRow
            id="kind-image"
            label="Node image"
            list="kind-images"
            placeholder="kind's default"
            value={image}
            onValue={setImage}
          />
          <datalist id="kind-images">
            {[...localImages, ...IMAGES.filter((i) => !localImages.includes(i))].map((i) => (
              <option key={i} value={i} label={localImages.includes(i) ? `${i} (local)` : i} />
            ))}
          </datalist>
          <span>Port mappings</span>
          <div>
            {ports.map((p, i) => (
              <div key={i} className="port-row">
                <input
                  aria-label="Host port"
                  placeholder="host"
                  value={p.hostPort}
                  onChange={(e) => setPort(i, { hostPort: e.target.value })}
                />
                →
                <input
                  aria-label="Container port"
                  placeholder="container"
                  value={p.containerPort}
                  onChange={(e) => setPort(i, { containerPort: e.target.value })}
                />
                on
                <input
                  aria-label="Listen address"
                  value={p.listenAddress}
                  onChange={(e) => setPort(i, { listenAddress: e.target.value })}
                />
                <button
                  type="button"
                  className="small"
                  aria-label="Remove port"
                  onClick={() => setPorts(ports.filter((_, j) => j !== i))}
                >
                  ✕
                </button>
              </div>
            ))}
            <button
              type="button"
              className="small"
              onClick={() =>
                setPorts([...ports, { hostPort: '8080', containerPort: '80', listenAddress: '127.0.0.1' }])
              }
            >
              Add port mapping
            </button>
          </div>
        </div>
        {problem && <p className="field-error">{problem}</p>}
        <details open>
          <summary>kind config</summary>
          <pre className="task-log" data-testid="kind-config-preview">
            {preview}
          </pre>
        </details>
        <FormAlert message={error} />
        <div className="dialog-actions">
          <CancelSubmit onCancel={onClose} submit="Create" disabled={busy || !parsed.success} />
        </div>
      </form>
    </dialog>
  );
}
