/** Installs the native application menu. */
import { Menu } from 'electron';
import { buildMenuTemplate, type MenuActions } from './menuTemplate';

export function installAppMenu(actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions)));
}
