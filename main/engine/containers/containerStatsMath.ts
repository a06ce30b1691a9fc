/** Turns one sample of the engine's stats stream into the numbers a user reads (as `docker stats` does). */
import type Docker from 'dockerode';
import type { StatsSample } from '../../../contract/containers';

/** The subset of the engine's stats JSON Berth reads; every field may be missing on some platforms. */
export interface RawStats {
  read?: string;
  cpu_stats?: {
    cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
    system_cpu_usage?: number;
    online_cpus?: number;
  };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number | undefined> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op?: string; value?: number }> | null };
  pids_stats?: { current?: number };
}

export const asRawStats = (s: Docker.ContainerStats | unknown): RawStats => s as RawStats;

export function toStatsSample(raw: RawStats, now = Date.now()): StatsSample {
  const cpu = raw.cpu_stats;
  const pre = raw.precpu_stats;
  const onlineCpus = cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 1;
  let cpuPercent: number | null = null;
  const total = cpu?.cpu_usage?.total_usage;
  const system = cpu?.system_cpu_usage;
  const preTotal = pre?.cpu_usage?.total_usage;
  const preSystem = pre?.system_cpu_usage;
  if (total !== undefined && system !== undefined && preTotal !== undefined && preSystem) {
    const cpuDelta = total - preTotal;
    const systemDelta = system - preSystem;
    cpuPercent = systemDelta > 0 && cpuDelta >= 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;
  }
  const mem = raw.memory_stats ?? {};
  const memStats = mem.stats ?? {};
  // Page cache is reclaimable: cgroup v1 reports it as total_inactive_file, v2 as inactive_file.
  const cache = memStats.total_inactive_file ?? memStats.inactive_file ?? 0;
  const memoryUsage = Math.max(0, (mem.usage ?? 0) - (cache < (mem.usage ?? 0) ? cache : 0));
  const memoryLimit = mem.limit ?? 0;
  let networkRx = 0;
  let networkTx = 0;
  for (const n of Object.values(raw.networks ?? {})) {
    networkRx += n.rx_bytes ?? 0;
    networkTx += n.tx_bytes ?? 0;
  }
  let blockRead = 0;
  let blockWrite = 0;
  for (const e of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (e.op ?? '').toLowerCase();
    if (op === 'read') blockRead += e.value ?? 0;
    else if (op === 'write') blockWrite += e.value ?? 0;
  }
  const read = raw.read ? Date.parse(raw.read) : NaN;
  return {
    time: Number.isFinite(read) && read > 0 ? read : now,
    cpuPercent,
    onlineCpus,
    memoryUsage,
    memoryLimit,
    memoryPercent: memoryLimit > 0 ? (memoryUsage / memoryLimit) * 100 : 0,
    networkRx,
    networkTx,
    blockRead,
    blockWrite,
    pids: raw.pids_stats?.current ?? 0,
  };
}
