/** The desktop shell's logic, without Electron: window placement, argv, notifications, menus, open requests. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { fitToDisplays, loadWindowState, saveWindowState, DEFAULT_WINDOW } from '../../main/desktop/windowState';
import { composeFileFromArgv, isComposeFileName } from '../../main/desktop/argv';
import { noticeFor } from '../../main/desktop/notifyPolicy';
import { buildMenuTemplate } from '../../main/desktop/menuTemplate';
import { buildTrayTemplate, engineSummary } from '../../main/desktop/trayTemplate';
import { ShellRequests } from '../../main/settings/openRequests';
import type { Task } from '../../contract/tasks';

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

describe('compose file from argv', () => {
  it('finds an existing compose file, relative to the launch folder, skipping flags', () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
    const argv = ['/opt/Berth/berth', '--enable-features=X', 'compose.yaml'];
    expect(composeFileFromArgv(argv, dir)).toBe(join(dir, 'compose.yaml'));
    expect(composeFileFromArgv(['/opt/Berth/berth', join(dir, 'compose.yaml')], '/')).toBe(join(dir, 'compose.yaml'));
  });

  it('ignores missing files and non-YAML arguments', () => {
    expect(composeFileFromArgv(['berth', 'missing.yml', '.', 'README.md'], dir)).toBeUndefined();
    expect(composeFileFromArgv(['berth'], dir)).toBeUndefined();
  });

  it('knows compose file names', () => {
    for (const n of [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yml',
      'docker-compose.dev.yaml',
      'app.compose.yaml',
    ])
      expect(isComposeFileName(`/x/${n}`)).toBe(true);
    expect(isComposeFileName('/x/values.yaml')).toBe(false);
  });
});

describe('long task notifications', () => {
  const task = (over: Partial<Task>): Task => ({
    id: 't1',
    kind: 'compose.up',
    title: 'Compose up shop',
    state: 'succeeded',
    fraction: 1,
    message: '',
    steps: [],
    cancellable: false,
    startedAt: 1_000,
    endedAt: 31_000,
    ...over,
  });

  it('notifies when a long task ends while the window is not focused', () => {
    expect(noticeFor({ type: 'update', task: task({}) }, false)).toEqual({
      title: 'Compose up shop finished',
      body: 'Done in 30 s.',
    });
    const failed = task({ state: 'failed', error: { code: 'failed', message: 'port 80 is taken' } });
    expect(noticeFor({ type: 'update', task: failed }, false)?.body).toBe('port 80 is taken');
  });

  it('stays quiet when focused, still running, or quick', () => {
    expect(noticeFor({ type: 'update', task: task({}) }, true)).toBeUndefined();
    expect(noticeFor({ type: 'update', task: task({ state: 'running', endedAt: undefined }) }, false)).toBeUndefined();
    expect(noticeFor({ type: 'update', task: task({ endedAt: 3_000 }) }, false)).toBeUndefined();
    expect(noticeFor({ type: 'log', taskId: 't1', lines: ['x'] }, false)).toBeUndefined();
  });
});

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

describe('tray', () => {
  const connected = {
    status: 'connected' as const,
    endpoint: 'unix:///var/run/docker.sock',
    source: 'default socket',
    version: '27.1.0',
    containers: { running: 3, paused: 0, stopped: 1 },
  };

  it('shows the engine status first and quick actions', () => {
    expect(engineSummary(connected)).toBe('Docker 27.1.0: 3 running');
    const went: string[] = [];
    const menu = buildTrayTemplate(connected, {
      show: () => went.push('show'),
      navigate: (v) => went.push(v),
      quit: () => {},
    });
    expect(menu[0]).toMatchObject({ label: 'Docker 27.1.0: 3 running', enabled: false });
    (menu.find((i) => i.label === 'Containers')?.click as () => void)();
    expect(went).toEqual(['show', 'containers']);
  });

  it('offers help when the engine is not reachable', () => {
    const down = { status: 'unreachable' as const, endpoint: 'unix:///x', source: 'default socket' };
    expect(labels(buildTrayTemplate(down, { show() {}, navigate() {}, quit() {} })).slice(0, 2)).toEqual([
      'Docker: not reachable',
      'How to start Docker…',
    ]);
  });
});

describe('shell requests', () => {
  it('keeps a file asked for before anyone listens and hands it over once', () => {
    const hub = new ShellRequests();
    hub.openComposeFile('/a/compose.yaml');
    const first: string[] = [];
    const off = hub.onOpen((r) => first.push(r.path));
    expect(first).toEqual(['/a/compose.yaml']);
    const second: string[] = [];
    hub.onOpen((r) => second.push(r.path));
    expect(second).toEqual([]);
    hub.openComposeFile('/b/compose.yaml');
    expect(first).toEqual(['/a/compose.yaml', '/b/compose.yaml']);
    expect(second).toEqual(['/b/compose.yaml']);
    off();
  });

  it('broadcasts navigation to whoever listens, keeping the last one asked for before the window was up', () => {
    const hub = new ShellRequests();
    hub.navigate('containers');
    hub.navigate('compose');
    const seen: string[] = [];
    hub.onNavigate((r) => seen.push(r.view));
    hub.navigate('images');
    expect(seen).toEqual(['compose', 'images']);
  });
});
