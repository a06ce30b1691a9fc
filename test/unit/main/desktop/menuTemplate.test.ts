/** The application menu, per platform, without Electron. */
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../../../main/desktop/menuTemplate';

const labels = (items: MenuItemConstructorOptions[]): string[] => items.map((i) => i.label ?? i.role ?? i.type ?? '');

const submenu = (item: MenuItemConstructorOptions | undefined): MenuItemConstructorOptions[] =>
  Array.isArray(item?.submenu) ? item.submenu : [];

describe('application menu', () => {
  const actions = (dev: boolean, platform: NodeJS.Platform = 'linux') => {
    const went: string[] = [];
    return {
      went,
      a: { platform, dev, navigate: (v: string) => went.push(v), openComposeFile: () => went.push('open') },
    };
  };

  it('switches views with Ctrl/Cmd+1..8, reloads, and quits', () => {
    const { went, a } = actions(false);
    const menu = buildMenuTemplate(a);
    const view = submenu(menu.find((m) => m.label === '&View'));
    const dashboard = view.find((i) => i.label === 'Dashboard');
    expect(dashboard?.accelerator).toBe('CmdOrCtrl+1');
    expect(view.find((i) => i.label === 'Settings')?.accelerator).toBe('CmdOrCtrl+9');
    (dashboard?.click as () => void)();
    expect(went).toEqual(['dashboard']);
    expect(view.map((i) => i.role)).toContain('reload');
    expect(submenu(menu.find((m) => m.label === '&File')).map((i) => i.role)).toContain('quit');
  });

  it('offers DevTools only in development', () => {
    const roles = (dev: boolean) =>
      submenu(buildMenuTemplate(actions(dev).a).find((m) => m.label === '&View')).map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });

  it('has the macOS app menu with Settings and Quit on a Mac', () => {
    const menu = buildMenuTemplate(actions(false, 'darwin').a);
    expect(menu[0]?.label).toBe('Berth');
    expect(labels(submenu(menu[0]))).toEqual(expect.arrayContaining(['Settings…', 'quit']));
  });
});
