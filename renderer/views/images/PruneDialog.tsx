/** Prune with a preview: what would go and the space that comes back, before anything is removed. */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/errors';
import { toApiError } from '../../common/apiError';
import type { PruneMode } from '../../../contract/images';
import { formatBytes, shortId } from '../../common/format';
import { notify } from '../../stores/toastStore';
import { CancelSubmit } from '../../components/CancelSubmit';
import { FormError, Modal } from '../../components/Modal';

type Preview = Awaited<ReturnType<typeof api.images.prunePreview>>;

export function PruneDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [mode, setMode] = useState<PruneMode>('dangling');
  const [preview, setPreview] = useState<Preview | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setPreview(undefined);
    setError(undefined);
    api.images
      .prunePreview({ mode })
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setError(toApiError(e)));
    return () => {
      live = false;
    };
  }, [open, mode]);
  const prune = async () => {
    setBusy(true);
    try {
      const result = await api.images.prune({ mode });
      notify(
        'success',
        `Removed ${result.deleted.length} image layer${result.deleted.length === 1 ? '' : 's'}`,
        `${formatBytes(result.spaceReclaimed)} freed`,
      );
      onClose();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  const count = preview?.images.length ?? 0;
  return (
    <Modal
      open={open}
      title="Prune images"
      onClose={onClose}
      onSubmit={() => void prune()}
      testId="prune-dialog"
      actions={
        <CancelSubmit
          onCancel={onClose}
          submit={`Remove ${count} image${count === 1 ? '' : 's'}`}
          submitClass="danger"
          disabled={busy || count === 0}
        />
      }
    >
      <div className="prune-modes" role="radiogroup" aria-label="What to prune">
        <label className="check">
          <input type="radio" checked={mode === 'dangling'} onChange={() => setMode('dangling')} />
          Dangling images (untagged, used by no container)
        </label>
        <label className="check">
          <input type="radio" checked={mode === 'unused'} onChange={() => setMode('unused')} />
          All unused images (tagged too, used by no container)
        </label>
      </div>
      {!preview && !error && <p className="muted">Looking…</p>}
      {preview && (
        <>
          <p data-testid="prune-summary">
            {count === 0
              ? 'Nothing to remove.'
              : `${count} image${count === 1 ? '' : 's'} · about ${formatBytes(preview.spaceReclaimed)} comes back`}
          </p>
          {count > 0 && (
            <ul className="prune-list">
              {preview.images.map((i) => (
                <li key={i.id}>
                  <span className="mono">{i.repoTags.join(', ') || shortId(i.id)}</span>
                  <span className="muted">{formatBytes(i.size)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <FormError error={error} />
    </Modal>
  );
}
