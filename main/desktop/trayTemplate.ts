/** The tray menu: the engine's status on top, then quick actions. A plain template built by tray.ts. */
import type { MenuItemConstructorOptions } from 'electron';
import type { EngineState } from '../../contract/system';
import { FIRST_RUN_VIEW } from './views';

export interface TrayActions {
  show(): void;
  navigate(view: string): void;
  quit(): void;
}

/** One line for the tray's tooltip and first menu item. */
export function engineSummary(state: EngineState): string {
  if (state.status === 'connecting') return 'Docker: connecting…';
  if (state.status === 'unreachable') return 'Docker: not reachable';
  const running = state.containers?.running ?? 0;
  return `Docker ${state.version ?? ''}: ${running} running`.replace(/\s+:/, ':');
}

export function buildTrayTemplate(state: EngineState, a: TrayActions): MenuItemConstructorOptions[] {
  const go = (view: string) => () => {
    a.show();
    a.navigate(view);
  };
  return [
    { label: engineSummary(state), enabled: false },
    ...(state.status === 'unreachable'
      ? [{ label: 'How to start Docker…', click: go(FIRST_RUN_VIEW) } as MenuItemConstructorOptions]
      : []),
    { type: 'separator' },
    { label: 'Show Berth', click: () => a.show() },
    { label: 'Containers', click: go('containers') },
    { label: 'Images', click: go('images') },
    { label: 'Compose', click: go('compose') },
    { label: 'Kubernetes', click: go('kubernetes') },
    { type: 'separator' },
    { label: 'Settings', click: go('settings') },
    { label: 'Quit Berth', click: () => a.quit() },
  ];
}
