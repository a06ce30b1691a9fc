/** CPU and memory figures from the engine's raw stats. */
import { describe, expect, it } from 'vitest';
import { toStatsSample } from '../../../../../main/engine/containers/containerStatsMath';

describe('stats math', () => {
  it('computes CPU % like docker stats and subtracts page cache from memory', () => {
    const s = toStatsSample({
      read: '2024-05-01T10:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 10_000_000_000 },
      memory_stats: { usage: 100, limit: 1000, stats: { inactive_file: 20 } },
      networks: { eth0: { rx_bytes: 5, tx_bytes: 7 }, eth1: { rx_bytes: 1, tx_bytes: 1 } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 10 },
          { op: 'Write', value: 4 },
        ],
      },
      pids_stats: { current: 3 },
    });
    expect(s).toMatchObject({
      cpuPercent: 20,
      memoryUsage: 80,
      memoryPercent: 8,
      networkRx: 6,
      networkTx: 8,
      blockRead: 10,
      blockWrite: 4,
      pids: 3,
    });
    expect(toStatsSample({ cpu_stats: {}, precpu_stats: {} }).cpuPercent).toBeNull();
  });
});
