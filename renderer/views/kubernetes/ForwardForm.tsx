/**
 * Starts a port-forward to a pod or a Service: the remote port (offered from the ports it declares, or
 * typed) and the local port (empty: Berth picks a free one). A taken local port shows the API's error with
 * the free port it suggests; the forward's link then appears in the list below.
 */
import { useState } from 'react';
import { api } from '../../api';
import type { KubePortForward } from '../../../contract/kubePods';
import { toApiError } from '../../common/apiError';
import { useRetained } from '../../stores/useRetained';
import { useKubeForwards } from '../../stores/kubeForwards';
import { checkForwardForm } from './forwardForm';
import { ForwardRow } from './ForwardLink';

export interface ForwardTarget {
  context: string;
  namespace: string;
  kind: 'pod' | 'service';
  name: string;
  /** The ports the pod's containers or the Service declare. */
  ports: number[];
}

export function ForwardForm({ target }: { target: ForwardTarget }) {
  const [port, setPort] = useState(target.ports[0] ? String(target.ports[0]) : '');
  const [localPort, setLocalPort] = useState('');
  const [error, setError] = useState<{ message: string; hint?: string }>();
  const [busy, setBusy] = useState(false);
  useRetained(useKubeForwards);
  const all = useKubeForwards((s) => s.items);
  const mine = [...all.values()].filter(
    (f: KubePortForward) =>
      f.context === target.context &&
      f.namespace === target.namespace &&
      f.kind === target.kind &&
      f.name === target.name,
  );
  const submit = async () => {
    const check = checkForwardForm(port, localPort);
    if (!check.ok) {
      setError({ message: check.message });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.kube.portForward({
        context: target.context,
        namespace: target.namespace,
        kind: target.kind,
        name: target.name,
        port: check.port,
        localPort: check.localPort,
      });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="forward-form" data-testid="forward-form">
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="check">
          {target.kind === 'pod' ? 'Pod port' : 'Service port'}
          <input
            aria-label="Remote port"
            className="port-input"
            list={`ports-${target.kind}-${target.name}`}
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
          <datalist id={`ports-${target.kind}-${target.name}`}>
            {target.ports.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label className="check">
          Local port
          <input
            aria-label="Local port"
            className="port-input"
            placeholder="auto"
            value={localPort}
            onChange={(e) => setLocalPort(e.target.value)}
          />
        </label>
        <button type="submit" className="primary small" disabled={busy}>
          {busy ? 'Starting…' : 'Forward'}
        </button>
      </form>
      {error && (
        <p className="bad-text" role="alert" data-testid="forward-form-error">
          {error.message}
          {error.hint && <span className="muted"> {error.hint}</span>}
        </p>
      )}
      {mine.length > 0 && (
        <ul className="forward-list">
          {mine.map((f) => (
            <ForwardRow key={f.id} forward={f} />
          ))}
        </ul>
      )}
    </div>
  );
}
