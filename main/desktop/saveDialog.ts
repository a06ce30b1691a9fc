/**
 * The desktop's save dialog, for downloads such as a whole log: Electron's `dialog.showSaveDialog`, over the
 * focused window when there is one, starting in the user's Downloads folder with the suggested name. The
 * dialog is passed in (Electron's in the app, a fake in tests), so this file stays free of Electron itself.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow, Dialog, SaveDialogOptions } from 'electron';

export type SaveDialog = Pick<Dialog, 'showSaveDialog'>;

export function saveDialogOptions(
  options: { title: string; defaultName: string },
  downloads: string,
): SaveDialogOptions {
  const ext = /\.([a-z0-9]+)$/i.exec(options.defaultName)?.[1];
  return {
    title: options.title,
    defaultPath: join(downloads, options.defaultName.replace(/[/\\:*?"<>|]/g, '_')),
    filters: ext
      ? [
          { name: ext.toUpperCase(), extensions: [ext] },
          { name: 'All files', extensions: ['*'] },
        ]
      : [],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** Asks where to save; null when the user cancelled. */
export async function askSavePath(
  dialog: SaveDialog,
  window: BrowserWindow | null,
  options: { title: string; defaultName: string },
  downloads = join(homedir(), 'Downloads'),
): Promise<string | null> {
  const o = saveDialogOptions(options, downloads);
  const result = window ? await dialog.showSaveDialog(window, o) : await dialog.showSaveDialog(o);
  return result.canceled || !result.filePath ? null : result.filePath;
}
