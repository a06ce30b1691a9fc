/** A workload's rollout history, newest first; undo goes back to the chosen revision (asks first). */
import { useEffect, useState } from 'react';
import { api } from '../../../api';
import { toErrorShape } from '../../../common/apiError';
import { confirm } from '../../../components/ConfirmDialog';
import { FormError, Modal } from '../../../components/Modal';
import { notify } from '../../../stores/toastStore';
import type { ApiErrorShape } from '../../../../contract/errors';
import type { RolloutRevision } from '../../../../contract/kubeActions';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import { refKey } from './refs';

export function HistoryDialog({ object, onClose }: { object: KubeObjectRef; onClose(): void }) {
  const [revisions, setRevisions] = useState<RolloutRevision[]>();
  const [error, setError] = useState<ApiErrorShape>();
  const load = () => api.kube.rolloutHistory(object).then(setRevisions, (e: unknown) => setError(toErrorShape(e)));
  useEffect(() => {
    void load();
    // `refKey` stands for the object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [refKey(object)]);
  const undo = async (r: RolloutRevision) => {
    const answer = await confirm({
      title: `Roll ${object.name} back to revision ${r.revision}?`,
      message: `Its pods are replaced by ones running ${r.images.join(', ') || 'that revision'}.`,
      confirmLabel: 'Roll back',
    });
    if (!answer.ok) return;
    try {
      await api.kube.rolloutUndo({ ...object, toRevision: r.revision });
      notify('success', `Rolling ${object.name} back to revision ${r.revision}`);
      await load();
    } catch (e) {
      setError(toErrorShape(e));
    }
  };
  return (
    <Modal
      open
      wide
      title={`Rollout history of ${object.name}`}
      testId="rollout-history"
      onClose={onClose}
      actions={
        <button type="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <FormError error={error} />
      {!revisions && !error && <p className="muted">Loading…</p>}
      {revisions && (
        <table className="data-table">
          <thead>
            <tr>
              <th>Revision</th>
              <th>Images</th>
              <th>Change cause</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {revisions.map((r) => (
              <tr key={r.name} data-testid="revision">
                <td>
                  {r.revision}
                  {r.current && <span className="muted"> (current)</span>}
                </td>
                <td className="mono">{r.images.join(', ')}</td>
                <td>{r.changeCause ?? ''}</td>
                <td>{r.createdAt ? new Date(r.createdAt).toLocaleString() : ''}</td>
                <td>
                  {!r.current && (
                    <button type="button" className="small" onClick={() => void undo(r)}>
                      Roll back
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Modal>
  );
}
