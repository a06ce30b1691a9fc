/**
 * V8 CPU profiles: the bridge's (--cpu-prof) and a page's (CDP), summarised by self time — where the CPU
 * time went.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const where = (url: string): string => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m?.[1]) return m[1];
  if (url.includes('/dist/main/')) return 'berth (dist/main)';
  if (url.startsWith('node:')) return url;
  return url ? url.replace(/^file:\/\//, '') : '(native/gc/idle)';
};

/** The top functions and packages by self time over every profile in `dir`. */
export function summarizeProfiles(dir: string, top = 15): string | undefined {
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return undefined;
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const p = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
    const nodes = new Map(p.nodes.map((n) => [n.id, n]));
    p.samples.forEach((id, i) => {
      const node = nodes.get(id);
      const dt = (p.timeDeltas[i] ?? 0) / 1000;
      if (!node || node.callFrame.functionName === '(idle)') return;
      total += dt;
      const fr = node.callFrame;
      const fn = `${fr.functionName || '(anonymous)'} ${where(fr.url)}:${fr.lineNumber + 1}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
      byPkg.set(where(fr.url), (byPkg.get(where(fr.url)) ?? 0) + dt);
    });
  }
  const list = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  return [
    `busy ${total.toFixed(0)} ms over ${files.length} profile(s) in ${dir}`,
    'by package/file:',
    ...list(byPkg),
    'by function:',
    ...list(byFn),
  ].join('\n');
}

/**
 * Starts a CPU profile of a page; the function it gives stops it, writes `<name>.cpuprofile` into `dir`
 * (emptied first) and gives the summary.
 */
export async function startPageProfile(
  cdp: CDPSession,
  dir: string,
  name: string,
): Promise<() => Promise<string | undefined>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    return summarizeProfiles(dir);
  };
}
