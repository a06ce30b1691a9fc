/** Settings: engine, tools, appearance, registry sign-in, the environment checklist, and where the file lives. */
import { useState } from 'react';
import { ViewHead } from '../../components/ViewHeader';
import { Theme, type Settings } from '../../../contract/settings';
import { FirstRunChecklist } from '../../components/FirstRunChecklist';
import { confirm } from '../../components/ConfirmDialog';
import { attempt } from '../../stores/toastStore';
import { api } from '../../api';
import { SettingsForm } from './SettingsForm';
import { RegistriesSection } from './RegistriesSection';
import { openFirstRun, saveSettings, useSettings } from '../../stores/settingsStore';
import { applyTheme } from '../../common/theme';
import './SettingsView.css';

/** The form's fields only: changing the theme must not throw away an unsaved draft. */
const formKey = ({ theme: _t, firstRunDone: _f, ...fields }: Settings): string => JSON.stringify(fields);

const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The theme radios answer at once; the choice is saved behind them and undone if saving fails. */
function ThemeChoice({ saved }: { saved: Theme }) {
  const [choice, setChoice] = useState<Theme | undefined>();
  const current = choice ?? saved;
  const pick = (t: Theme) => {
    setChoice(t);
    applyTheme(t);
    void attempt('Could not change the theme', () => saveSettings({ theme: t })).then((snap) => {
      setChoice(undefined);
      if (!snap) applyTheme(saved);
    });
  };
  return (
    <div className="settings-themes" role="radiogroup" aria-label="Theme">
      {Theme.options.map((t) => (
        <label key={t} className="check">
          <input type="radio" name="theme" value={t} checked={current === t} onChange={() => pick(t)} />
          {THEME_LABELS[t]}
        </label>
      ))}
    </div>
  );
}

export function SettingsView() {
  const snapshot = useSettings((s) => s.snapshot);
  const reset = async () => {
    const { ok } = await confirm({
      title: 'Reset settings?',
      message: 'Every setting goes back to its default.',
      confirmLabel: 'Reset',
      danger: true,
    });
    if (ok) await attempt('Could not reset settings', () => api.settings.reset());
  };
  return (
    <section className="view settings-view" data-testid="settings-view">
      <ViewHead title="Settings" />
      {!snapshot && <p className="muted">Loading…</p>}
      {snapshot && (
        <>
          {snapshot.notice && (
            <p className="settings-notice" role="alert" data-testid="settings-notice">
              {snapshot.notice}
            </p>
          )}
          <section className="settings-section">
            <h2>Appearance</h2>
            <ThemeChoice saved={snapshot.values.theme} />
          </section>
          <section className="settings-section">
            {/* Remounts with the saved values whenever they change elsewhere (another window, a reset). */}
            <SettingsForm
              key={formKey(snapshot.values)}
              saved={snapshot.values}
              restartRequired={snapshot.restartRequired}
            />
          </section>
          <section className="settings-section">
            <RegistriesSection />
          </section>
          <section className="settings-section">
            <div className="view-head">
              <h2>Environment</h2>
              <span className="spacer" />
              <button onClick={openFirstRun} data-testid="open-first-run">
                Open first-run checklist
              </button>
            </div>
            <FirstRunChecklist />
          </section>
          <footer className="settings-file muted">
            Saved in <span className="mono">{snapshot.file}</span>
            <button className="link" onClick={() => void reset()}>
              Reset to defaults
            </button>
          </footer>
        </>
      )}
    </section>
  );
}
