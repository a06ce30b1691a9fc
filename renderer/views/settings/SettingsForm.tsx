/** The settings form: edits a draft, validates it with the contract's schema, saves the changes. */
import { useState } from 'react';
import { CodeText } from '../../components/CodeText';
import { SettingsPatch, type Settings } from '../../../contract/settings';
import { Field as FormField, FieldMessage } from '../../components/Field';
import { useEngine } from '../../stores/engineStore';
import { notify } from '../../stores/toastStore';
import { fromApiError, fromIssues, type FieldErrors } from './fieldErrors';
import { saveSettings } from '../../stores/settingsStore';

/** The engine's context, and those kept connected, are chosen in the engine picker (status bar), not in this form. */
type Draft = Omit<Settings, 'theme' | 'firstRunDone' | 'kubeNamespaces' | 'engineContext' | 'keptEngines'>;

const toDraft = (v: Settings): Draft => ({
  engineHost: v.engineHost,
  composeBinary: v.composeBinary,
  kindBinary: v.kindBinary,
  defaultNamespace: v.defaultNamespace,
  bindLocalhost: v.bindLocalhost,
});

/** Only what differs from the saved values. */
function changes(draft: Draft, saved: Settings): Record<string, unknown> {
  const next: Record<string, unknown> = { ...draft };
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => saved[k as keyof Settings] !== v));
}

function Field(props: {
  id: string;
  label: string;
  error?: string;
  help?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <FormField id={props.id} label={props.label} className="settings-field">
      {props.children}
      <FieldMessage message={props.error} testId={`error-${props.id}`} />
      {props.help && (
        <div className="muted settings-help">
          {typeof props.help === 'string' ? <CodeText text={props.help} /> : props.help}
        </div>
      )}
    </FormField>
  );
}

export function SettingsForm({ saved, restartRequired }: { saved: Settings; restartRequired: string[] }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const engine = useEngine((s) => s.engine);
  const pending = changes(draft, saved);
  const dirty = Object.keys(pending).length > 0;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  /** The text input of a string setting, its id the setting's name. */
  const textInput = (key: 'engineHost' | 'composeBinary' | 'kindBinary' | 'defaultNamespace', placeholder?: string) => (
    <input
      id={key}
      className="mono"
      value={draft[key]}
      placeholder={placeholder}
      onChange={(e) => set(key, e.target.value)}
    />
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = SettingsPatch.safeParse(pending);
    if (!parsed.success) return setErrors(fromIssues(parsed.error.issues));
    setErrors({});
    setSaving(true);
    try {
      const snap = await saveSettings(parsed.data);
      setDraft(toDraft(snap.values));
      notify('success', 'Settings saved');
    } catch (err) {
      const fields = fromApiError(err);
      if (fields) setErrors(fields);
      else notify('error', 'Could not save settings', err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} data-testid="settings-form" noValidate>
      <h2>Docker engine</h2>
      <div className="form-grid">
        <Field
          id="engineHost"
          label="Engine socket"
          error={errors.engineHost}
          help={
            <>
              {engine && (
                <span>
                  Now: <span className="mono">{engine.endpoint}</span> (found via {engine.source}).{' '}
                </span>
              )}
              Empty uses the docker context chosen in the engine picker (the status bar), else finds it like the docker
              CLI does. unix://, npipe://, tcp:// (TLS with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH) and ssh://user@host
              work; Berth reconnects when you save.
            </>
          }
        >
          {textInput('engineHost', 'automatic — e.g. unix:///var/run/docker.sock or ssh://me@build-server')}
          {restartRequired.includes('engineHost') && (
            <div className="settings-restart" data-testid="restart-required">
              Restart Berth to connect to the new engine socket.
            </div>
          )}
        </Field>
        <Field id="bindLocalhost" label="Published ports" error={errors.bindLocalhost}>
          <label className="check">
            <input
              id="bindLocalhost"
              type="checkbox"
              checked={draft.bindLocalhost}
              onChange={(e) => set('bindLocalhost', e.target.checked)}
            />
            Bind published ports to 127.0.0.1 (only this machine can reach them)
          </label>
        </Field>
      </div>

      <h2>Tools</h2>
      <div className="form-grid">
        <Field
          id="composeBinary"
          label="Compose"
          error={errors.composeBinary}
          help="`docker` for the compose plugin, `docker-compose`, or a full path. Empty picks whichever is installed."
        >
          {textInput('composeBinary', 'automatic')}
        </Field>
        <Field id="kindBinary" label="kind" error={errors.kindBinary} help="A full path when kind is not on PATH.">
          {textInput('kindBinary', 'kind on PATH')}
        </Field>
        <Field id="defaultNamespace" label="Default namespace" error={errors.defaultNamespace}>
          {textInput('defaultNamespace')}
        </Field>
      </div>

      <div className="toolbar">
        <button type="submit" className="primary" disabled={!dirty || saving} data-testid="settings-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          disabled={!dirty || saving}
          onClick={() => {
            setDraft(toDraft(saved));
            setErrors({});
          }}
        >
          Discard changes
        </button>
        {dirty && <span className="muted">Unsaved changes</span>}
      </div>
    </form>
  );
}
