/**
 * The main window's size and position, remembered in window-state.json next to settings.json. A saved
 * position that no longer fits any display (a monitor was unplugged) is dropped and the window centres.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW: WindowState = { width: 1280, height: 820, maximized: false };
export const WINDOW_STATE_FILE = 'window-state.json';

export function loadWindowState(dir: string): WindowState {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_WINDOW;
  } catch {
    return DEFAULT_WINDOW;
  }
}

export function saveWindowState(dir: string, state: WindowState): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, WINDOW_STATE_FILE), `${JSON.stringify(state)}\n`);
  } catch {
    /* not worth bothering the user: the window just opens at the default size next time */
  }
}

/**
 * Keeps the saved size, clamped to the largest work area, and the position only when at least 100x50 px of
 * the title bar area lands on a display.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  if (workAreas.length === 0) return state;
  const maxW = Math.max(...workAreas.map((a) => a.width));
  const maxH = Math.max(...workAreas.map((a) => a.height));
  const width = Math.min(state.width, maxW);
  const height = Math.min(state.height, maxH);
  const { x, y } = state;
  if (x === undefined || y === undefined) return { width, height, maximized: state.maximized };
  const visible = workAreas.some((a) => {
    const w = Math.min(x + width, a.x + a.width) - Math.max(x, a.x);
    const h = Math.min(y + 50, a.y + a.height) - Math.max(y, a.y);
    return w >= 100 && h >= 50;
  });
  return visible ? { x, y, width, height, maximized: state.maximized } : { width, height, maximized: state.maximized };
}
