/**
 * Prune one type (from the Disk usage view, or images from the Images view), preview first: what would go and about how much space comes
 * back, before anything is removed. Volumes hold data, so they are asked for twice — the dialog, then a
 * confirmation naming how many and that it cannot be undone — and only the volumes shown are removed.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { ApiError } from '../../../contract/apiError';
import type { DiskUsageKind, PrunePreview, PruneTarget } from '../../../contract/diskUsage';
import { toApiError } from '../../common/apiError';
import { formatBytes } from '../../common/format';
import { notify } from '../../stores/toastStore';
import { confirm } from '../../components/ConfirmDialog';
import { CancelSubmit } from '../../components/CancelSubmit';
import { FormError, Modal } from '../../components/Modal';
import { KIND_LABEL, MODES } from './diskKinds';

export function PruneDialog({
  kind,
  onClose,
  onDone,
}: {
  kind: DiskUsageKind | undefined;
  onClose(): void;
  onDone(): void;
}) {
  const [mode, setMode] = useState<string>('');
  const [preview, setPreview] = useState<PrunePreview | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const modes = kind ? MODES[kind] : [];
  const chosen = mode || modes[0]?.value || '';
  const target = (): PruneTarget | undefined => {
    if (kind === 'images') return { kind, mode: chosen as 'dangling' | 'unused' };
    if (kind === 'volumes') return { kind, mode: chosen as 'anonymous' | 'all' };
    if (kind === 'buildCache') return { kind, mode: chosen as 'dangling' | 'all' };
    if (kind === 'containers') return { kind };
    return undefined;
  };
  useEffect(() => {
    const t = target();
    if (!t) return;
    let live = true;
    setPreview(undefined);
    setError(undefined);
    api.system
      .prunePreview(t)
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setError(toApiError(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the target follows kind and mode
  }, [kind, chosen]);
  useEffect(() => setMode(''), [kind]);

  const count = preview?.items.length ?? 0;
  const what = kind ? KIND_LABEL[kind].toLowerCase() : '';
  const prune = async () => {
    const t = target();
    if (!t || !preview || count === 0) return;
    if (t.kind === 'volumes') {
      const { ok } = await confirm({
        title: `Delete ${count} volume${count === 1 ? '' : 's'} and their data?`,
        message: `${preview.items.map((i) => i.name).join(', ')} will be deleted with everything in them. This cannot be undone.`,
        confirmLabel: 'Delete volumes',
        danger: true,
      });
      if (!ok) return;
    }
    setBusy(true);
    try {
      const request = t.kind === 'volumes' ? { ...t, names: preview.items.map((i) => i.id) } : t;
      const result = await api.system.prune(request);
      notify(
        'success',
        `Removed ${result.removed.length} ${result.removed.length === 1 ? 'item' : 'items'} of ${what}`,
        `${formatBytes(result.spaceReclaimed)} freed${result.kept.length ? `; kept ${result.kept.join(', ')} (in use now)` : ''}`,
      );
      onDone();
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={kind !== undefined}
      title={`Prune ${what}`}
      onClose={onClose}
      onSubmit={() => void prune()}
      testId="disk-prune-dialog"
      actions={
        <CancelSubmit
          onCancel={onClose}
          submit={kind === 'volumes' ? `Delete ${count} volume${count === 1 ? '' : 's'}…` : `Remove ${count}`}
          submitClass="danger"
          disabled={busy || count === 0}
        />
      }
    >
      {modes.length > 1 && (
        <div className="prune-modes" role="radiogroup" aria-label="What to prune">
          {modes.map((m) => (
            <label key={m.value} className="check">
              <input type="radio" checked={chosen === m.value} onChange={() => setMode(m.value)} />
              {m.label}
            </label>
          ))}
        </div>
      )}
      {!preview && !error && <p className="muted">Looking…</p>}
      {preview && (
        <>
          <p data-testid="disk-prune-summary">
            {count === 0
              ? 'Nothing to remove.'
              : `${count} to remove · about ${formatBytes(preview.spaceReclaimed)} comes back`}
          </p>
          {count > 0 && (
            <ul className="prune-list" data-testid="disk-prune-list">
              {preview.items.map((i) => (
                <li key={i.id}>
                  <span className="mono">{i.name}</span>
                  <span className="muted">{i.size >= 0 ? formatBytes(i.size) : 'size unknown'}</span>
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
