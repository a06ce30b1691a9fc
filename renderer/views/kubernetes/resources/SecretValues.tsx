/**
 * A Secret's keys with their values hidden. Reveal asks main for that one value (kube.secretValue) and keeps
 * it in this component's own state only: Hide, another object, or leaving the page forgets it.
 */
import { useState } from 'react';
import { api } from '../../../api';
import { errorLine, toErrorShape } from '../../../common/apiError';

export function SecretValues({
  context,
  namespace,
  name,
  keys,
}: {
  context: string;
  namespace: string;
  name: string;
  keys: Array<{ key: string; bytes: number }>;
}) {
  const [shown, setShown] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | undefined>();
  const reveal = async (key: string) => {
    setError(undefined);
    try {
      const { value, encoding } = await api.kube.secretValue({ context, namespace, name, key });
      setShown((s) => ({ ...s, [key]: encoding === 'base64' ? `(binary, base64) ${value}` : value }));
    } catch (e) {
      setError(errorLine(toErrorShape(e)));
    }
  };
  const hide = (key: string) =>
    setShown((s) => {
      const rest = { ...s };
      delete rest[key];
      return rest;
    });
  if (keys.length === 0) return <p className="muted">No data.</p>;
  return (
    <>
      <dl className="secret-values" data-testid="secret-values">
        {keys.map(({ key, bytes }) => (
          <div key={key} className="secret-value" data-key={key}>
            <dt className="mono">{key}</dt>
            <dd>
              {key in shown ? (
                <code data-testid="secret-revealed">{shown[key]}</code>
              ) : (
                <span className="muted" aria-label={`${key} hidden`}>
                  •••••• ({bytes} bytes)
                </span>
              )}{' '}
              {key in shown ? (
                <button className="small" onClick={() => hide(key)}>
                  Hide
                </button>
              ) : (
                <button className="small" aria-label={`Reveal ${key}`} onClick={() => void reveal(key)}>
                  Reveal
                </button>
              )}
            </dd>
          </div>
        ))}
      </dl>
      {error && (
        <p className="bad-text" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
