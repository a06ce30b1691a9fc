/** Berth's native application menu, as a plain template (built by menu.ts). */
import type { MenuItemConstructorOptions } from 'electron';
import { FIRST_RUN_VIEW, MENU_VIEWS } from './views';

export interface MenuActions {
  platform: NodeJS.Platform;
  /** Development build: show DevTools. */
  dev: boolean;
  navigate(view: string): void;
  openComposeFile(): void;
}

export function buildMenuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const mac = a.platform === 'darwin';
  const settingsItem: MenuItemConstructorOptions = {
    label: mac ? 'Settings…' : 'Settings',
    accelerator: 'CmdOrCtrl+,',
    click: () => a.navigate('settings'),
  };
  const app: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Berth',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settingsItem,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit', accelerator: 'Cmd+Q' },
          ],
        },
      ]
    : [];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open Compose File…', accelerator: 'CmdOrCtrl+O', click: () => a.openComposeFile() },
      ...(mac
        ? []
        : [
            { type: 'separator' } as const,
            settingsItem,
            { type: 'separator' } as const,
            { role: 'quit', accelerator: 'Ctrl+Q' } as const,
          ]),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...MENU_VIEWS.map((v, i): MenuItemConstructorOptions => ({
        label: v.label,
        accelerator: `CmdOrCtrl+${i + 1}`,
        click: () => a.navigate(v.view),
      })),
      { type: 'separator' },
      { role: 'reload', accelerator: 'CmdOrCtrl+R' },
      { role: 'forceReload', accelerator: 'CmdOrCtrl+Shift+R' },
      ...(a.dev ? [{ role: 'toggleDevTools', accelerator: mac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: 'Check Environment…', click: () => a.navigate(FIRST_RUN_VIEW) }],
  };
  return [...app, file, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}
