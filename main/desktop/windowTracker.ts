/** Saves the main window's bounds as the user moves and resizes it, and once more when it closes. */
import type { BrowserWindow } from 'electron';
import { saveWindowState, type WindowState } from './windowState';

export function trackWindowState(win: BrowserWindow, dir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const capture = (): WindowState => {
    const maximized = win.isMaximized();
    // While maximized keep the size it returns to, not the screen's.
    const b = maximized || win.isFullScreen() ? win.getNormalBounds() : win.getBounds();
    return { x: b.x, y: b.y, width: b.width, height: b.height, maximized };
  };
  const save = () => {
    clearTimeout(timer);
    if (!win.isDestroyed() && !win.isMinimized()) saveWindowState(dir, capture());
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', save);
}
