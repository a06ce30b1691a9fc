/**
 * Whether a process still runs, by its id (signal 0 probes without sending anything; EPERM means it runs
 * under another user). Used to tell what a Berth that was killed or crashed left behind — its task journal,
 * log spools, temporary folders — from what a Berth still running owns; removeStaleFolders sweeps the folders.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the entries of `root` that `stale` picks (the folders of Berth processes that no longer run, told by
 * their names); one that cannot be removed (another user's, gone meanwhile) is left. Returns their names.
 */
export function removeStaleFolders(root: string, stale: (name: string) => boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  return names.filter((name) => {
    if (!stale(name)) return false;
    try {
      rmSync(join(root, name), { recursive: true, force: true });
      return true;
    } catch {
      return false;
    }
  });
}
