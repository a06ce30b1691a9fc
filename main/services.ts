/**
 * What every domain implementation is built from: the long-lived connections and managers of main. Each
 * domain's factory takes only the services it uses (`Pick<Services, ...>`), so its dependencies show in its
 * signature.
 */
import type { EngineConnection } from './engine/connection';
import type { TaskManager } from './tasks/taskManager';
import type { EngineCollections } from './engine/engineCollections';
import type { EnginePool } from './engine/enginePool';
import type { SettingsStore } from './settings/settingsStore';
import type { ShellRequests } from './settings/openRequests';
import type { ProgramMemory } from './common/programMemory';
import type { LogSessions } from './common/logs/logSessions';

/** What only a real desktop shell can do; the browser bridge has a null version. */
export interface DesktopShell {
  readonly kind: 'desktop' | 'web';
  openExternal(url: string): Promise<boolean>;
  pickPath(options: {
    kind: 'file' | 'folder';
    title?: string;
    filters?: Array<{ name: string; extensions: string[] }>;
  }): Promise<string | null>;
  /** Asks where to save a file (the desktop's save dialog); null when cancelled or there is no dialog. */
  savePath(options: { title: string; defaultName: string }): Promise<string | null>;
}

export const webShell: DesktopShell = {
  kind: 'web',
  openExternal: async () => false,
  pickPath: async () => null,
  savePath: async () => null,
};

export interface Services {
  engine: EngineConnection;
  /** The engine's live lists (containers, images, volumes, networks): one upstream each, shared by all. */
  collections: EngineCollections;
  /** The engines kept connected beside the one in use (Settings' keptEngines), each with its live lists. */
  enginePool: EnginePool;
  tasks: TaskManager;
  shell: DesktopShell;
  /** The user's settings (settings.json); read `current`, listen with `onChange`. */
  settings: SettingsStore;
  /** Files to open and views to show, asked for by the desktop shell (argv, menu, tray). */
  shellRequests: ShellRequests;
  /** What external programs answered (versions of compose, kind, kubectl), kept beside the settings. */
  programs: ProgramMemory;
  /** Open logs kept on disk while a view shows them (log sessions). */
  logSessions: LogSessions;
  /** Runs `stop` when the backend is disposed (Berth quits): listeners and sessions a domain owns. */
  onDispose(stop: () => void): void;
}
