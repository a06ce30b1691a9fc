/** Apply a multi-document YAML: a result per object, or where the syntax error is (nothing applied). */
import { useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/apiError';
import { errorLine, toApiError } from '../../common/apiError';
import { FormAlert } from '../../components/Field';
import type { ApplyResult } from '../../../contract/kube';
import { useKube } from '../../stores/kubeStore';
import { useDialog } from '../../components/useDialog';

export function ApplyDialog({ context, open, onClose }: { context: string; open: boolean; onClose(): void }) {
  const namespace = useKube((s) => s.namespace);
  const [yaml, setYaml] = useState('');
  const [results, setResults] = useState<ApplyResult[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const ref = useDialog(open, () => {
    setResults(undefined);
    setError(undefined);
  });
  const apply = async () => {
    setBusy(true);
    setError(undefined);
    setResults(undefined);
    try {
      setResults(await api.kube.apply({ context, namespace: namespace || 'default', yaml }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="dialog kube-dialog wide"
      onCancel={onClose}
      data-testid="apply-dialog"
      aria-labelledby="apply-title"
    >
      <h2 id="apply-title">Apply YAML</h2>
      <p className="muted">
        One or more documents separated by <code>---</code>; objects without a namespace go to {namespace || 'default'}.
      </p>
      <textarea
        className="yaml-input mono"
        aria-label="YAML to apply"
        spellCheck={false}
        value={yaml}
        onChange={(e) => setYaml(e.target.value)}
        rows={16}
      />
      <FormAlert message={error && errorLine(error)} />
      {results && (
        <ul className="apply-results" data-testid="apply-results">
          {results.map((r, i) => (
            <li key={i} className={`apply-${r.action}`}>
              <span className="mono">
                {r.kind}/{r.name}
              </span>{' '}
              <strong>{r.action}</strong>
              {r.message && <span className="muted"> — {r.message}</span>}
            </li>
          ))}
          {results.length === 0 && <li className="muted">The YAML holds no objects.</li>}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button className="primary" disabled={busy || !yaml.trim()} onClick={() => void apply()}>
          {busy ? 'Applying…' : 'Apply'}
        </button>
      </div>
    </dialog>
  );
}
