/**
 * Load a local image into a kind cluster's nodes (`kind load docker-image`), from the Images view: pick
 * the cluster; the load runs as a task with its progress in the task center.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { errorLine, toApiError } from '../../common/apiError';
import type { KindCluster } from '../../../contract/kube';
import { notify } from '../../stores/toastStore';
import { CancelSubmit } from '../../components/CancelSubmit';
import { FormAlert } from '../../components/Field';
import { useDialog } from '../../components/useDialog';

export function KindLoadDialog({ image, onClose }: { image: string | undefined; onClose(): void }) {
  const open = Boolean(image);
  const [clusters, setClusters] = useState<KindCluster[] | undefined>();
  const [cluster, setCluster] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const ref = useDialog(open, () => setError(undefined));

  useEffect(() => {
    if (!open) return;
    let live = true;
    setClusters(undefined);
    api.kube
      .kindClusters()
      .then((list) => {
        if (!live) return;
        setClusters(list);
        setCluster((c) => (list.some((k) => k.name === c) ? c : (list[0]?.name ?? '')));
      })
      .catch((e: unknown) => live && setError(errorLine(toApiError(e))));
    return () => {
      live = false;
    };
  }, [open]);

  const load = async () => {
    if (!image || !cluster) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.kube.kindLoad({ cluster, image });
      notify('info', `Loading ${image} into kind cluster ${cluster}`, 'Progress is in the task center.');
      onClose();
    } catch (e) {
      setError(errorLine(toApiError(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog"
      onCancel={onClose}
      aria-labelledby="kind-load-title"
      data-testid="kind-load-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void load();
        }}
      >
        <h2 id="kind-load-title">Load {image} into a kind cluster</h2>
        {clusters === undefined && !error ? (
          <p className="muted">Looking for kind clusters…</p>
        ) : clusters?.length === 0 ? (
          <p className="muted">No kind clusters yet: create one in Kubernetes → Clusters.</p>
        ) : clusters ? (
          <div className="form-grid">
            <label htmlFor="kind-load-cluster">Cluster</label>
            <select id="kind-load-cluster" value={cluster} onChange={(e) => setCluster(e.target.value)}>
              {clusters.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} ({c.nodes.length} node{c.nodes.length === 1 ? '' : 's'})
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <FormAlert message={error} />
        <div className="dialog-actions">
          <CancelSubmit onCancel={onClose} submit="Load" disabled={busy || !cluster} />
        </div>
      </form>
    </dialog>
  );
}
