/**
 * The main window, hardened: isolated, sandboxed, no Node, strict CSP, no navigation or redirect away from
 * Berth's own page, no new windows, no webviews, no permissions but clipboard writes.
 */
import { BrowserWindow, session, shell } from 'electron';
import { join } from 'node:path';
import { CSP } from '../common/contentSecurityPolicy';
import { DEFAULT_WINDOW, type WindowState } from './windowState';
import { allowedPermission, appPageCheck, isSafeExternalUrl } from './navigationPolicy';

export { isSafeExternalUrl } from './navigationPolicy';

export interface WindowOptions {
  preload: string;
  /** The dev server URL in `npm run dev`, else undefined and the built file is loaded. */
  devUrl?: string;
  indexHtml: string;
  /** The window icon (Linux and Windows; macOS takes the bundle's). */
  icon?: string;
  /** Where the window was last time, already fitted to the current displays. */
  state?: WindowState;
  /** DevTools are available in development builds only. */
  devTools?: boolean;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  if (!options.devUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
    });
  }
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(allowedPermission(permission)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => allowedPermission(permission));
  const state = options.state ?? DEFAULT_WINDOW;
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 560,
    title: 'Berth',
    icon: options.icon ?? join(__dirnameOf(options.indexHtml), '..', '..', 'assets', 'icon.png'),
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: options.devTools ?? false,
    },
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  const isAppPage = appPageCheck(options);
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links the user clicked that point outside open in their browser; nothing opens inside Berth.
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (options.devUrl) void win.loadURL(options.devUrl);
  else void win.loadFile(options.indexHtml);
  return win;
}

const __dirnameOf = (file: string) => join(file, '..');
