/**
 * Berth's own temporary folders under the OS temp dir, named `berth-<purpose>-<pid>-XXXXXX` so that the
 * process that made one can be told: the work that made it removes it when it ends, which a Berth that was
 * killed or crashed never gets to do, so the next start removes every such folder whose process is gone
 * (never one of a Berth still running, such as a second web bridge). Folders named otherwise — including a
 * user's own `berth-…` ones — are never touched.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive, removeStaleFolders } from './processAlive';

/** What Berth makes temporary folders for; only these names are ever swept. */
export type TempPurpose = 'build';
const PURPOSES: readonly TempPurpose[] = ['build'];
const OWN = new RegExp(`^berth-(?:${PURPOSES.join('|')})-(\\d+)-[A-Za-z0-9]{6}$`);

/** A new private folder for `purpose`, named after this process. */
export function makeTempFolder(purpose: TempPurpose, root: string = tmpdir()): Promise<string> {
  return mkdtemp(join(root, `berth-${purpose}-${process.pid}-`));
}

/** Removes the temporary folders of Berth processes that no longer run; returns their paths. */
export function removeStaleTempFolders(root: string = tmpdir()): string[] {
  return removeStaleFolders(root, (name) => {
    const pid = Number(OWN.exec(name)?.[1]);
    return pid > 0 && pid !== process.pid && !processAlive(pid);
  }).map((name) => join(root, name));
}
