/** Berth's web bridge as a child process (`node dist/main/web.js`), as `npm run web` runs it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const RESULTS_DIR = join(import.meta.dirname, 'results');

export interface BridgeProcess {
  child: ChildProcess;
  pid: number;
  /** http://127.0.0.1:PORT/?token=SECRET */
  url: string;
  port: number;
  token: string;
  /** The V8 inspector's WebSocket (`inspect: true`), for the bridge's heap after GC (inspector.ts). */
  inspectorUrl?: string;
  stop(): Promise<void>;
}

/**
 * The built renderer plus the bench's two floors for a first paint, in a temporary folder the bridge serves
 * instead: the bare page (test/bench/bare: `bare.html#/containers` subscribes the list and paints its first
 * rows, no framework) and the React floor (test/bench/reactFloor, built here by Vite in production mode:
 * `react-floor/#/containers`, the same with React rendering the rows, no app around them).
 */
async function rendererWithFloors(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-renderer-'));
  cpSync(join(ROOT, 'dist', 'renderer'), dir, { recursive: true });
  cpSync(join(import.meta.dirname, 'bare'), dir, { recursive: true });
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: join(import.meta.dirname, 'reactFloor'),
    base: './',
    logLevel: 'warn',
    build: { outDir: join(dir, 'react-floor'), emptyOutDir: true },
  });
  return dir;
}

export async function startBridge(
  options: { cpuProfile?: boolean; env?: NodeJS.ProcessEnv; floorPages?: boolean; inspect?: boolean } = {},
): Promise<BridgeProcess> {
  const entry = join(ROOT, 'dist', 'main', 'web.js');
  if (!existsSync(entry)) throw new Error('dist/main/web.js is missing: run `npm run build` first');
  const renderer = options.floorPages ? { BERTH_RENDERER_DIR: await rendererWithFloors() } : {};
  const args: string[] = [];
  if (options.cpuProfile) {
    const dir = join(RESULTS_DIR, 'profiles');
    mkdirSync(dir, { recursive: true });
    args.push('--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '500');
  }
  if (options.inspect) args.push('--inspect=127.0.0.1:0');
  const child = spawn(process.execPath, [...args, entry], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, ...renderer, BERTH_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (c: Buffer) => {
    stderr.push(String(c));
    if (stderr.length > 200) stderr.shift();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the bridge did not start: ${stderr.join('')}`)), 15_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += String(c);
      const m = /Berth web UI: (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the bridge exited with ${code}: ${stderr.join('')}`));
    });
  });
  const parsed = new URL(url);
  const inspectorUrl = options.inspect ? /Debugger listening on (ws:\/\/\S+)/.exec(stderr.join(''))?.[1] : undefined;
  if (options.inspect && !inspectorUrl)
    throw new Error(`no inspector address in the bridge's stderr: ${stderr.join('')}`);
  return {
    inspectorUrl,
    child,
    pid: child.pid ?? 0,
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          if (renderer.BERTH_RENDERER_DIR) rmSync(renderer.BERTH_RENDERER_DIR, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
