/**
 * Whether a process still runs, by its id (signal 0 probes without sending anything; EPERM means it runs
 * under another user). Used to tell what a Berth that was killed or crashed left behind — its task journal,
 * log spools, temporary folders — from what a Berth still running owns.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
