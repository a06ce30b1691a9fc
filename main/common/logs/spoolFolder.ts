/**
 * Where log spools live: one folder per running Berth under the OS temp dir (`berth-logs-<user>/<pid>-<start>`),
 * one sub-folder per open log. A Berth that crashed leaves its folder behind; the next start removes every
 * folder whose process is gone (never one of a Berth still running, such as a second web bridge).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { processAlive, removeStaleFolders } from '../processAlive';

export const defaultSpoolRoot = (): string => join(tmpdir(), `berth-logs-${userInfo().username}`);

/** Removes the spool folders of Berth processes that no longer run; returns their names. */
export function removeStaleSpools(root: string): string[] {
  return removeStaleFolders(root, (name) => {
    const m = /^(\d+)-\d+$/.exec(name);
    if (!m) return false;
    // A folder of this very process id but another start is a previous process's whose id came back.
    return Number(m[1]) === process.pid ? name !== ownFolderName() : !processAlive(Number(m[1]));
  });
}

const started = Date.now();
const ownFolderName = (): string => `${process.pid}-${started}`;

/** This process's spool folder (created, private to the user). */
export function ownSpoolFolder(root: string): string {
  const dir = join(root, ownFolderName());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
