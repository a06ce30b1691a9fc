/** `npm run web`: Berth's renderer in a browser, over the loopback bridge. Same API, same UI, no Electron. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend } from './backend';
import { webShell } from './services';
import { startWebBridge } from './ipc/webBridge';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.env.BERTH_RENDERER_DIR ?? join(here, '..', 'renderer');
const log = (m: string) => process.stderr.write(`[berth] ${m}\n`);

const backend = createBackend({
  shell: webShell,
  log,
  validateOutputs: process.env.BERTH_VALIDATE_OUTPUTS === '1' ? 'log' : undefined,
});
const port = process.env.BERTH_PORT ? Number(process.env.BERTH_PORT) : 0;
const bridge = await startWebBridge({
  router: backend.router,
  root,
  port,
  log,
  download: (token) => backend.services.logSessions.takeDownload(token),
});
process.stdout.write(`Berth web UI: ${bridge.url}\n`);

const shutdown = () => {
  backend.dispose();
  void bridge.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
