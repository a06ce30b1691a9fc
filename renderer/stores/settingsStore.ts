/**
 * The settings as main has them, live (settings.watch), plus what the native menu and tray ask for
 * (settings.navigation). Imported once at start by the first-run checklist, so the theme applies everywhere.
 */
import { create } from 'zustand';
import { api } from '../api';
import type { SettingsPatch, SettingsSnapshot } from '../../contract/settings';
import { useNav, VIEWS, type ViewName } from './navStore';
import { applyTheme } from '../common/theme';

interface SettingsStore {
  snapshot: SettingsSnapshot | undefined;
  /** The first-run checklist dialog is open. */
  firstRunOpen: boolean;
}

export const useSettings = create<SettingsStore>()(() => ({ snapshot: undefined, firstRunOpen: false }));

export const openFirstRun = (): void => useSettings.setState({ firstRunOpen: true });
export const closeFirstRun = (): void => useSettings.setState({ firstRunOpen: false });

/** Saves a change; rejects with the ApiError (invalid_input carries per-field details). */
export async function saveSettings(patch: SettingsPatch): Promise<SettingsSnapshot> {
  const snapshot = await api.settings.update(patch);
  useSettings.setState({ snapshot });
  applyTheme(snapshot.values.theme);
  return snapshot;
}

const watch = () =>
  api.settings.watch.subscribe(undefined, {
    onEvent: (snapshot) => {
      useSettings.setState({ snapshot });
      applyTheme(snapshot.values.theme);
    },
    onEnd: () => setTimeout(watch, 1000),
  });

const isView = (v: string): v is ViewName => (VIEWS as readonly string[]).includes(v);

const navigation = () =>
  api.settings.navigation.subscribe(undefined, {
    onEvent: ({ view }) => {
      if (view === 'first-run') openFirstRun();
      else if (isView(view)) useNav.getState().go(view);
    },
    onEnd: () => setTimeout(navigation, 1000),
  });

watch();
navigation();
