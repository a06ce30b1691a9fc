/** The tray (menu bar) item: the engine's status in its tooltip and menu, and quick actions. */
import { Menu, Tray, nativeImage } from 'electron';
import type { EngineState } from '../../contract/system';
import { buildTrayTemplate, engineSummary, type TrayActions } from './trayTemplate';

export interface TrayOptions extends TrayActions {
  iconPath: string;
  engine: { current: EngineState; onState(listener: (s: EngineState) => void): () => void };
}

export function createTray(options: TrayOptions): { dispose(): void } {
  const image = nativeImage.createFromPath(options.iconPath);
  if (process.platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  let shown = '';
  const render = (state: EngineState) => {
    const summary = engineSummary(state);
    // Counts change with every container event; only rebuild the menu when its text changes.
    const key = `${state.status}|${summary}`;
    if (key === shown) return;
    shown = key;
    tray.setToolTip(`Berth — ${summary}`);
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayTemplate(state, options)));
  };
  render(options.engine.current);
  const off = options.engine.onState(render);
  tray.on('click', () => options.show());
  return {
    dispose() {
      off();
      tray.destroy();
    },
  };
}
