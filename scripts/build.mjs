// Builds Berth: the renderer with Vite, main, the web bridge and preload with esbuild.
import { build as viteBuild } from 'vite';
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

export const mainOptions = {
  entryPoints: { 'main/index': 'main/index.ts', 'main/web': 'main/web.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  external: ['electron'],
  define: { __BERTH_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

export const preloadOptions = {
  entryPoints: { 'preload/index': 'preload/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
};

// Built when run as a script; scripts/dev.mjs imports the options only.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = Date.now();
  await Promise.all([
    viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' }),
    build(mainOptions),
    build(preloadOptions),
  ]);
  console.log(`built dist/ in ${Date.now() - t0} ms`);
}
