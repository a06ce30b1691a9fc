/** The Electron entry: a thin shell around the backend that the web bridge shares. */
import { app, BrowserWindow, dialog, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from './backend';
import type { DesktopShell } from './services';
import { serveIpc } from './ipc/electronIpc';
import { createMainWindow, isSafeExternalUrl } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const devUrl = process.env.BERTH_DEV_URL;
const indexHtml = join(here, '..', 'renderer', 'index.html');

const desktopShell: DesktopShell = {
  kind: 'desktop',
  openExternal: async (url) => {
    if (!isSafeExternalUrl(url)) return false;
    await shell.openExternal(url);
    return true;
  },
  pickPath: async ({ kind, title, filters }) => {
    const win = BrowserWindow.getFocusedWindow();
    const options: Electron.OpenDialogOptions = {
      title,
      filters,
      properties: [kind === 'folder' ? 'openDirectory' : 'openFile'],
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let backend: Backend | undefined;
  let win: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.enableSandbox();
  void app.whenReady().then(() => {
    backend = createBackend({ shell: desktopShell, log: (m) => console.error(`[berth] ${m}`) });
    serveIpc(backend.router, (_contents, frameUrl) =>
      devUrl ? frameUrl.startsWith(devUrl) : frameUrl.startsWith('file://'),
    );
    const open = () => {
      win = createMainWindow({ preload: join(here, '..', 'preload', 'index.cjs'), devUrl, indexHtml });
    };
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => backend?.dispose());
}
