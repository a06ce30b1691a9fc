/**
 * The engine picker: every docker context of the CLI's config dir (and "default": DOCKER_HOST or the
 * default socket), with the CLI's current one and Berth's own marked, where each one is and whether it is
 * on this machine (kind needs a local engine). Choosing one connects Berth to it at once.
 */
import { useState } from 'react';
import { closeEnginePicker, switchContext, useEngine } from '../stores/engineStore';
import { notify } from '../stores/toastStore';
import { toApiError } from '../common/apiError';
import { Modal } from './Modal';

export function EnginePicker() {
  const open = useEngine((s) => s.pickerOpen);
  const contexts = useEngine((s) => s.contexts);
  const [busy, setBusy] = useState<string | undefined>();
  const use = async (name: string) => {
    setBusy(name);
    try {
      await switchContext(name);
      closeEnginePicker();
    } catch (e) {
      const err = toApiError(e);
      notify('error', `Could not switch to ${name}`, err.message, err.hint);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Modal
      open={open}
      title="Docker engines"
      onClose={closeEnginePicker}
      testId="engine-picker"
      wide
      actions={
        <button type="button" onClick={closeEnginePicker}>
          Close
        </button>
      }
    >
      {!contexts ? (
        <p className="muted">Reading docker contexts…</p>
      ) : (
        <>
          <p className="muted">
            Docker contexts from <span className="mono">{contexts.configDir}</span>. Add one with{' '}
            <span className="mono">docker context create NAME --docker host=ssh://user@host</span> (or{' '}
            <span className="mono">host=tcp://host:2376,ca=…,cert=…,key=…</span> for TLS).
          </p>
          {contexts.hostOverride && (
            <p className="muted" data-testid="engine-host-override">
              Settings name an engine (<span className="mono">{contexts.hostOverride}</span>), which wins over contexts;
              choosing a context clears it.
            </p>
          )}
          <ul className="engine-list">
            {contexts.contexts.map((c) => (
              <li key={c.name} data-testid={`engine-context-${c.name}`} data-in-use={c.inUse}>
                <div className="engine-name">
                  <strong>{c.name}</strong>
                  {c.current && <span className="badge">docker CLI&apos;s current</span>}
                  {c.inUse && <span className="badge succeeded">in use</span>}
                  {c.tls && <span className="badge">{c.tlsVerify ? 'TLS' : 'TLS, not verified'}</span>}
                  <span className="badge">{c.local ? 'this machine' : 'remote'}</span>
                </div>
                <div className="mono muted">{c.host}</div>
                {c.description && <div className="muted">{c.description}</div>}
                <button
                  type="button"
                  disabled={c.inUse || busy !== undefined}
                  onClick={() => void use(c.name)}
                  data-testid={`use-context-${c.name}`}
                >
                  {busy === c.name ? 'Connecting…' : c.inUse ? 'In use' : 'Use'}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </Modal>
  );
}
