/** Where the window goes: saved, restored, fitted to the displays there are now. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitToDisplays, loadWindowState, saveWindowState, DEFAULT_WINDOW } from '../../../../main/desktop/windowState';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-desktop-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };

  it('round-trips through window-state.json and falls back to the default on junk', () => {
    saveWindowState(dir, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(dir)).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    writeFileSync(join(dir, 'window-state.json'), '{"width": "wide"}');
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW);
    expect(loadWindowState(join(dir, 'missing'))).toEqual(DEFAULT_WINDOW);
  });

  it('keeps a position that is on a display', () => {
    const s = { x: 100, y: 80, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(s, [screen])).toEqual(s);
  });

  it('drops a position left on an unplugged monitor, keeping the size', () => {
    const s = { x: 2500, y: 100, width: 1200, height: 800, maximized: false };
    expect(fitToDisplays(s, [screen])).toEqual({ width: 1200, height: 800, maximized: false });
    const second = { x: 1920, y: 0, width: 1920, height: 1080 };
    expect(fitToDisplays(s, [screen, second])).toEqual(s);
  });

  it('shrinks a window larger than any display', () => {
    expect(fitToDisplays({ width: 5000, height: 3000, maximized: false }, [screen])).toEqual({
      width: 1920,
      height: 1040,
      maximized: false,
    });
  });
});
