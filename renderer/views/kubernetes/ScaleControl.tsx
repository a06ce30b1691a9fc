/**
 * Scale a deployment with −/+, a slider or a typed number. Every change goes through the deployment's
 * scale subresource; bad counts are refused here (and again by main's schema); big ones ask first.
 * The slider scales once, when it is let go (its `change` event), never while it is dragged, and its range
 * stays put: it is the user's (0 to a maximum shown at its end, which they can change), not the replicas'.
 */
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api';
import { toApiError } from '../../common/apiError';
import type { KubeDeployment } from '../../../contract/kube';
import { confirm } from '../../components/ConfirmDialog';
import { checkReplicas, CONFIRM_ABOVE, SLIDER_MAXIMA, sliderMaxFor } from './scaleInput';

export function ScaleControl({ context, deployment }: { context: string; deployment: KubeDeployment }) {
  const current = deployment.replicas;
  const [text, setText] = useState(String(current));
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [max, setMax] = useState(() => sliderMaxFor(current));
  /** Where the slider's thumb is while it is dragged (undefined when it is not). */
  const [dragged, setDragged] = useState<number | undefined>();
  const slider = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!editing) setText(String(current));
  }, [current, editing]);
  // The range only grows when the replicas outgrow it (scaled from elsewhere), never during a drag.
  useEffect(() => {
    if (dragged === undefined && current > max) setMax(sliderMaxFor(current));
  }, [current, max, dragged]);

  const reset = () => {
    setText(String(current));
    setEditing(false);
    setDragged(undefined);
  };

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
      if (!answer.ok) {
        // Nothing was scaled: the field and the slider go back to what the deployment has.
        reset();
        return;
      }
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
      if (check.replicas > max) setMax(sliderMaxFor(check.replicas));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
      setDragged(undefined);
    }
  };
  const scaleRef = useRef(scale);
  useEffect(() => {
    scaleRef.current = scale;
  });

  // React's onChange on a range input fires on every move; the DOM's own `change` fires once, on release
  // (and once per arrow key).
  useEffect(() => {
    const el = slider.current;
    if (!el) return;
    const release = () => void scaleRef.current(el.value);
    el.addEventListener('change', release);
    return () => el.removeEventListener('change', release);
  }, []);

  const typed = checkReplicas(text);
  const sliderValue = Math.min(dragged ?? (editing && typed.ok ? typed.replicas : current), max);
  const name = deployment.name;
  return (
    <div className="scale-control" data-testid="scale-control">
      <div className="scale-slider">
        <input
          ref={slider}
          type="range"
          min={0}
          max={max}
          step={1}
          value={sliderValue}
          aria-label={`Replicas slider for ${name}`}
          aria-valuetext={`${sliderValue} replicas`}
          disabled={busy}
          onChange={(e) => {
            setDragged(Number(e.target.value));
            setError(undefined);
          }}
        />
        <span className="scale-ends muted">
          <span aria-hidden>0</span>
          <span className="scale-dragged" data-testid="scale-dragged" aria-hidden>
            {dragged !== undefined && dragged !== current ? `→ ${dragged}` : ''}
          </span>
          {/* The end of the range is the user's: pick another maximum here. */}
          <select
            className="scale-max"
            aria-label={`Slider maximum for ${name}`}
            title="The slider's maximum"
            value={max}
            onChange={(e) => setMax(Number(e.target.value))}
          >
            {[...new Set([...SLIDER_MAXIMA, max])]
              .sort((a, b) => a - b)
              .filter((m) => m >= current)
              .map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
          </select>
        </span>
      </div>
      <div className="scale-row">
        <button
          type="button"
          aria-label={`Scale down ${name}`}
          disabled={busy || current <= 0}
          onClick={() => void scale(current - 1)}
        >
          −
        </button>
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
      </div>
      {error && (
        <div className="field-error" role="alert" data-testid="scale-error">
          {error}
        </div>
      )}
    </div>
  );
}
