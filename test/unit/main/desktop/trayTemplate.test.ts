/** The tray menu and its engine summary, without Electron. */
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildTrayTemplate, engineSummary } from '../../../../main/desktop/trayTemplate';

const labels = (items: MenuItemConstructorOptions[]): string[] => items.map((i) => i.label ?? i.role ?? i.type ?? '');

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
