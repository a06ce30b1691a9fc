/**
 * The engine picker: every docker context of the CLI's config dir (and "default": DOCKER_HOST or the
 * default socket), with the CLI's current one and Berth's own marked, where each one is and whether it is
 * on this machine (kind needs a local engine). Choosing one connects Berth to it at once; "keep connected"
 * keeps another one connected beside it (its state in the status bar, its containers in the Containers view).
 */
import { useState } from 'react';
import { closeEnginePicker, keepContext, switchContext, useEngine } from '../stores/engineStore';
import { notify } from '../stores/toastStore';
import { toApiError } from '../common/apiError';
import { Modal } from './Modal';

export function EnginePicker() {
  const open = useEngine((s) => s.pickerOpen);
  const contexts = useEngine((s) => s.contexts);
  const [busy, setBusy] = useState<string | undefined>();
  /** A toggle shows at once; the contexts list confirms it when main has kept (or let go of) the engine. */
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
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
  const keep = async (name: string, on: boolean) => {
    setToggled((t) => ({ ...t, [name]: on }));
    try {
      await keepContext(name, on);
    } catch (e) {
      const err = toApiError(e);
      notify('error', `Could not ${on ? 'keep' : 'let go of'} ${name}`, err.message, err.hint);
    } finally {
      setToggled(({ [name]: _done, ...rest }) => rest);
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
                <label
                  className="check"
                  title="Stay connected to it beside the engine in use: its state in the status bar, its containers in the Containers view"
                >
                  <input
                    type="checkbox"
                    checked={c.inUse || (toggled[c.name] ?? c.kept)}
                    disabled={c.inUse}
                    onChange={(e) => void keep(c.name, e.target.checked)}
                    data-testid={`keep-context-${c.name}`}
                  />
                  Keep connected
                </label>
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
