// `npm run dev`: the renderer from Vite's dev server with hot module reload, main and preload rebuilt by
// esbuild on change. Electron is restarted when main or preload changes. `npm run dev -- --web` runs the
// browser bridge instead of Electron (for machines without Electron's binary): it serves a fresh build of
// the renderer (no hot reload there) and restarts when main changes.
import { build as viteBuild, createServer } from 'vite';
import { context } from 'esbuild';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { mainOptions, preloadOptions } from './build.mjs';

const web = process.argv.includes('--web');
if (web) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
const vite = await createServer({ configFile: 'vite.config.ts' });
await vite.listen();
const devUrl = vite.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
console.log(`renderer dev server: ${devUrl}`);

let child;
let pending;
// main and preload finish building close together: restart once for both.
const restart = () => {
  clearTimeout(pending);
  pending = setTimeout(relaunch, 150);
};
const relaunch = () => {
  if (child) {
    child.removeAllListeners('exit');
    child.kill();
  }
  if (web) {
    // The bridge serves the last full build of the renderer; edit-and-reload works through Vite's URL too.
    child = spawn(process.execPath, ['dist/main/web.js'], { stdio: 'inherit' });
  } else {
    const electron = createRequire(import.meta.url)('electron');
    child = spawn(electron, ['.'], { stdio: 'inherit', env: { ...process.env, BERTH_DEV_URL: devUrl } });
  }
  child.on('exit', (code) => {
    if (!web) process.exit(code ?? 0);
  });
};

const rebuilt = { name: 'restart', setup: (b) => b.onEnd((r) => r.errors.length === 0 && restart()) };
const main = await context({ ...mainOptions, plugins: [rebuilt] });
const preload = await context({ ...preloadOptions, plugins: [rebuilt] });
await Promise.all([main.watch(), preload.watch()]);

const stop = async () => {
  child?.kill();
  await Promise.all([main.dispose(), preload.dispose(), vite.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
