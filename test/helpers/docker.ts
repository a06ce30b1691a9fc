/** Test helpers that drive the real docker CLI, as a user in a terminal would. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export async function docker(...args: string[]): Promise<string> {
  const { stdout } = await exec('docker', args, { maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

export const FIXTURE_BUSYBOX = 'berth-fixture/busybox:latest';
export const FIXTURE_REDIS = 'berth-fixture/redis:latest';

/** A name unique to this run, so tests never touch what they did not create. */
export const uniqueName = (prefix: string): string =>
  `berth-test-${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

export async function removeContainers(...names: string[]): Promise<void> {
  await Promise.all(names.map((n) => docker('rm', '-f', '-v', n).catch(() => '')));
}

/** Removes images one after another (shared layers), ignoring any already gone. */
export async function removeImages(...refs: string[]): Promise<void> {
  for (const ref of refs) await docker('rmi', '-f', ref).catch(() => '');
}

/** Removes volumes one after another, ignoring any already gone. */
export async function removeVolumes(...names: string[]): Promise<void> {
  for (const v of names) await docker('volume', 'rm', '-f', v).catch(() => '');
}

/** Makes a temporary folder holding `files` (name → text), noting it in `dirs` for cleanup. */
export function tempFolder(prefix: string, files: Record<string, string>, dirs: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Removes the folders `tempFolder` made. */
export function removeFolders(dirs: string[]): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/** Waits until `check` returns a truthy value, or fails with `what` after `ms`. */
export async function eventually<T>(what: string, check: () => Promise<T> | T, ms = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
