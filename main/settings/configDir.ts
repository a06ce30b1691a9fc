/**
 * Where Berth keeps its settings outside Electron: BERTH_CONFIG_DIR, else the same folder Electron's
 * app.getPath('userData') gives the desktop app, so `npm run web` and the desktop app share one file.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Berth';

export function defaultConfigDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.BERTH_CONFIG_DIR) return env.BERTH_CONFIG_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}
