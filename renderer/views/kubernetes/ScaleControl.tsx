/**
 * Scale a deployment with −/+, a slider or a typed number. Every change goes through the deployment's
 * scale subresource; bad counts are refused here (and again by main's schema); big ones ask first.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { toApiError } from '../../common/apiError';
import type { KubeDeployment } from '../../../contract/kube';
import { confirm } from '../../components/ConfirmDialog';
import { checkReplicas, CONFIRM_ABOVE } from './scaleInput';

export function ScaleControl({ context, deployment }: { context: string; deployment: KubeDeployment }) {
  const [text, setText] = useState(String(deployment.replicas));
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const slideTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!editing) setText(String(deployment.replicas));
  }, [deployment.replicas, editing]);
  useEffect(() => () => clearTimeout(slideTimer.current), []);

  const scale = async (raw: string | number) => {
    const check = checkReplicas(raw);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    if (check.needsConfirm) {
      const answer = await confirm({
        title: `Scale ${deployment.name} to ${check.replicas}?`,
        message: `That is more than ${CONFIRM_ABOVE} pods; make sure the cluster has room for them.`,
        confirmLabel: `Scale to ${check.replicas}`,
      });
      if (!answer.ok) return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await api.kube.scale({
        context,
        namespace: deployment.namespace,
        name: deployment.name,
        replicas: check.replicas,
      });
      setEditing(false);
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const current = deployment.replicas;
  const sliderMax = Math.max(10, current * 2, Number(text) || 0);
  const name = deployment.name;
  return (
    <div className="scale-control">
      <button
        type="button"
        aria-label={`Scale down ${name}`}
        disabled={busy || current <= 0}
        onClick={() => void scale(current - 1)}
      >
        −
      </button>
      <input
        type="range"
        min={0}
        max={Math.min(sliderMax, 200)}
        value={Math.min(Number(text) || 0, 200)}
        aria-label={`Replicas slider for ${name}`}
        onChange={(e) => {
          const v = e.target.value;
          setEditing(true);
          setText(v);
          clearTimeout(slideTimer.current);
          slideTimer.current = setTimeout(() => void scale(v), 300);
        }}
      />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void scale(text);
        }}
      >
        <input
          className="scale-input"
          inputMode="numeric"
          aria-label={`Replicas for ${name}`}
          aria-invalid={error ? true : undefined}
          value={text}
          onFocus={() => setEditing(true)}
          onChange={(e) => {
            setEditing(true);
            setText(e.target.value);
            setError(undefined);
          }}
          onBlur={() => text === String(current) && setEditing(false)}
        />
        <button type="submit" className="small" disabled={busy}>
          Scale
        </button>
      </form>
      <button type="button" aria-label={`Scale up ${name}`} disabled={busy} onClick={() => void scale(current + 1)}>
        +
      </button>
      {error && (
        <div className="field-error" role="alert" data-testid="scale-error">
          {error}
        </div>
      )}
    </div>
  );
}
