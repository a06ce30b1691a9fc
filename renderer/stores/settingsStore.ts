/**
 * The settings as main has them, live (settings.watch), plus what the native menu and tray ask for
 * (settings.navigation). Connected at start (renderer/stores/connect.ts), so the theme applies everywhere.
 */
import { create } from 'zustand';
import type { ApiClient } from '../../contract/api';
import { api } from '../api';
import type { SettingsPatch, SettingsSnapshot } from '../../contract/settings';
import { applyTheme } from '../common/theme';
import { follow } from './follow';
import { useNav, VIEWS, type ViewName } from './navStore';

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

const isView = (v: string): v is ViewName => (VIEWS as readonly string[]).includes(v);

/** Follows the settings and the shell's view switches; returns the function that stops. */
export function connectSettings(client: Pick<ApiClient, 'settings'>): () => void {
  const stops = [
    follow(client.settings.watch, (snapshot) => {
      useSettings.setState({ snapshot });
      applyTheme(snapshot.values.theme);
    }),
    follow(client.settings.navigation, ({ view }) => {
      if (view === 'first-run') openFirstRun();
      else if (isView(view)) useNav.getState().go(view);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
