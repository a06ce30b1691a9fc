/** CPU time and resident memory of a process (or of all it started), from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { sleep } from './stats';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's parent and the user + system CPU seconds it has used so far, from /proc/PID/stat. */
function stat(pid: number | string): { parent: number; cpu: number } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the ")" that closes the command name: state, ppid, ...; utime and stime are fields 14 and 15.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / CLK_TCK };
}

/** User + system CPU seconds the process has used so far. */
export const cpuSeconds = (pid: number): number => stat(pid).cpu;

export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** CPU seconds used so far by each process descended from `root` (this process by default: Chromium, the bridge), by pid. */
export function descendantsCpuSeconds(root = process.pid): Map<number, number> {
  const parentOf = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const { parent, cpu: seconds } = stat(entry);
      parentOf.set(Number(entry), parent);
      cpu.set(Number(entry), seconds);
    } catch {
      // It exited while the folder was read.
    }
  }
  const descends = (pid: number): boolean => {
    const seen = new Set<number>();
    for (let p = parentOf.get(pid); p !== undefined && p > 1 && !seen.has(p); p = parentOf.get(p)) {
      if (p === root) return true;
      seen.add(p);
    }
    return false;
  };
  return new Map([...cpu].filter(([pid]) => descends(pid)));
}

/**
 * Resolves once the processes this one started (Chromium's, the bridge) used at most 10 ms of CPU in a 100 ms
 * window, with the ms it waited; after `maxMs` it resolves anyway, with `quiet: false`. Each process counts
 * what it used in the window (a new one all it used so far; one that exited, nothing). A page Playwright has
 * just made keeps a renderer process starting beside it for ~450 ms (~500 ms of CPU): a navigation timed
 * meanwhile shares this machine's two cores with it.
 */
export async function untilQuiet(maxMs = 3000): Promise<{ ms: number; quiet: boolean }> {
  const t0 = Date.now();
  let last = descendantsCpuSeconds();
  for (;;) {
    await sleep(100);
    const now = descendantsCpuSeconds();
    let busy = 0;
    for (const [pid, s] of now) busy += s - (last.get(pid) ?? 0);
    last = now;
    if (busy <= 0.01) return { ms: Date.now() - t0, quiet: true };
    if (Date.now() - t0 >= maxMs) return { ms: Date.now() - t0, quiet: false };
  }
}
