/** The Electron entry: a thin shell around the backend that the web bridge shares. */
import { app, BrowserWindow, dialog, screen, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from './backend';
import type { DesktopShell } from './services';
import { serveIpc } from './ipc/electronIpc';
import { createMainWindow } from './desktop/window';
import { appPageCheck, isSafeExternalUrl } from './desktop/navigationPolicy';
import { composeFileFromArgv } from './desktop/argv';
import { installAppMenu } from './desktop/menu';
import { notifyLongTasks } from './desktop/notifications';
import { createTray } from './desktop/tray';
import { fitToDisplays, loadWindowState } from './desktop/windowState';
import { trackWindowState } from './desktop/windowTracker';
import { askSavePath } from './desktop/saveDialog';

const here = dirname(fileURLToPath(import.meta.url));
const devUrl = process.env.BERTH_DEV_URL;
const indexHtml = join(here, '..', 'renderer', 'index.html');
const assets = join(here, '..', '..', 'assets');
const dev = !app.isPackaged || Boolean(devUrl);

/** BERTH_CONFIG_DIR wins (tests, portable setups); else Electron's per-user folder. */
if (process.env.BERTH_CONFIG_DIR) app.setPath('userData', process.env.BERTH_CONFIG_DIR);

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
  savePath: (options) => askSavePath(dialog, BrowserWindow.getFocusedWindow(), options),
};

if (!app.requestSingleInstanceLock()) {
  // Another Berth runs: it receives our argv through 'second-instance' and opens the file there.
  app.quit();
} else {
  let backend: Backend | undefined;
  let win: BrowserWindow | undefined;
  let disposeTray: (() => void) | undefined;
  /** Files asked for before the backend exists (macOS open-file fires early). */
  const early: string[] = [];

  const showWindow = () => {
    if (!win || win.isDestroyed()) return open();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  const navigate = (view: string) => backend?.services.shellRequests.navigate(view);
  const openComposeFile = (path: string) => {
    if (!backend) return void early.push(path);
    backend.services.shellRequests.openComposeFile(path);
    backend.services.shellRequests.navigate('compose');
    showWindow();
  };
  const open = () => {
    const userData = app.getPath('userData');
    const workAreas = screen.getAllDisplays().map((d) => d.workArea);
    win = createMainWindow({
      preload: join(here, '..', 'preload', 'index.cjs'),
      devUrl,
      indexHtml,
      icon: join(assets, 'icon.png'),
      state: fitToDisplays(loadWindowState(userData), workAreas),
      devTools: dev,
    });
    trackWindowState(win, userData);
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = composeFileFromArgv(argv, workingDirectory);
    if (file) openComposeFile(file);
    else showWindow();
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openComposeFile(path);
  });
  app.enableSandbox();
  void app.whenReady().then(() => {
    backend = createBackend({
      shell: desktopShell,
      configDir: app.getPath('userData'),
      log: (m) => console.error(`[berth] ${m}`),
    });
    const { services } = backend;
    const isAppPage = appPageCheck({ devUrl, indexHtml });
    serveIpc(backend.router, (_contents, frameUrl) => isAppPage(frameUrl));
    installAppMenu({
      platform: process.platform,
      dev,
      navigate,
      openComposeFile: () => {
        void desktopShell
          .pickPath({
            kind: 'file',
            title: 'Open a compose file',
            filters: [{ name: 'Compose', extensions: ['yaml', 'yml'] }],
          })
          .then((path) => path && openComposeFile(path));
      },
    });
    open();
    const fromArgv = composeFileFromArgv(process.argv, process.cwd());
    for (const path of [...early.splice(0), ...(fromArgv ? [fromArgv] : [])]) openComposeFile(path);
    try {
      const tray = createTray({
        iconPath: join(assets, process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'),
        engine: services.engine,
        show: showWindow,
        navigate,
        quit: () => app.quit(),
      });
      disposeTray = tray.dispose;
    } catch (e) {
      // Some Linux desktops have no tray; Berth works the same without it.
      console.error(`[berth] no tray: ${String(e)}`);
    }
    notifyLongTasks(services.tasks, () => BrowserWindow.getFocusedWindow() !== null, showWindow);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    disposeTray?.();
    backend?.dispose();
  });
}
