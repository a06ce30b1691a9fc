/**
 * The table's live CPU and memory: one poller for every cell on screen, one request per tick for all of
 * them, a quicker second reading while CPU is unknown, nothing while the window is hidden or unfocused,
 * and nothing once the last cell is gone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createUsagePoller,
  USAGE_PERIOD_MS,
  type UsageSource,
} from '../../../../../renderer/views/containers/liveStats';
import type { ContainerUsage, StatsSample } from '../../../../../contract/containers';

const sample = (cpuPercent: number | null): StatsSample => ({
  time: 0,
  cpuPercent,
  onlineCpus: 1,
  memoryUsage: 1024,
  memoryLimit: 4096,
  memoryPercent: 25,
  networkRx: 0,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 1,
});

function fakeSource() {
  const reads: string[][] = [];
  let active = true;
  let changed: () => void = () => {};
  let stopped = 0;
  const source: UsageSource = {
    read: async (ids) => {
      reads.push(ids);
      // CPU needs two readings of a container: null the first time.
      const seen = new Set(reads.slice(0, -1).flat());
      return ids.map((id): ContainerUsage => ({ id, sample: sample(seen.has(id) ? 5 : null) }));
    },
    active: () => active,
    onActivity: (l) => ((changed = l), () => void stopped++),
  };
  return {
    source,
    reads,
    setActive(a: boolean) {
      active = a;
      changed();
    },
    stopped: () => stopped,
  };
}

describe('the usage poller', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('reads every shown container in one request, soon after the cells mount, then every few seconds', async () => {
    const f = fakeSource();
    const poller = createUsagePoller(() => f.source);
    poller.retain('a');
    poller.retain('b');
    const heard: string[] = [];
    poller.subscribe('a', () => heard.push('a'));
    await vi.advanceTimersByTimeAsync(300);
    expect(f.reads).toEqual([['a', 'b']]);
    expect(poller.sample('a')?.cpuPercent).toBeNull();
    // CPU unknown: the second reading comes after a second, then the period.
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.reads).toHaveLength(2);
    expect(poller.sample('a')?.cpuPercent).toBe(5);
    await vi.advanceTimersByTimeAsync(USAGE_PERIOD_MS - 100);
    expect(f.reads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(f.reads).toHaveLength(3);
    expect(heard).toEqual(['a', 'a', 'a']);
  });

  it('pauses while the window is hidden or unfocused, and reads at once when it is back', async () => {
    const f = fakeSource();
    const poller = createUsagePoller(() => f.source);
    poller.retain('a');
    await vi.advanceTimersByTimeAsync(1500);
    expect(f.reads).toHaveLength(2);
    f.setActive(false);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(f.reads).toHaveLength(2);
    f.setActive(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(f.reads).toHaveLength(3);
  });

  it('stops asking for a container whose cells are gone, and stops entirely after the last one', async () => {
    const f = fakeSource();
    const poller = createUsagePoller(() => f.source);
    const releaseA = poller.retain('a');
    const releaseB = poller.retain('b');
    const unsubscribe = poller.subscribe('b', () => {});
    await vi.advanceTimersByTimeAsync(1500);
    releaseA();
    await vi.advanceTimersByTimeAsync(USAGE_PERIOD_MS);
    expect(f.reads.at(-1)).toEqual(['b']);
    releaseB();
    unsubscribe();
    await vi.advanceTimersByTimeAsync(60_000);
    const count = f.reads.length;
    expect(poller.entries.size).toBe(0);
    expect(f.stopped()).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(f.reads).toHaveLength(count);
  });

  it('notifies a cell that stayed mounted through a stop and a restart of its container', async () => {
    const f = fakeSource();
    const poller = createUsagePoller(() => f.source);
    const heard: number[] = [];
    poller.subscribe('a', () => heard.push(f.reads.length));
    const release = poller.retain('a');
    await vi.advanceTimersByTimeAsync(300);
    release(); // the container stopped: the cell stays, showing "—"
    await vi.advanceTimersByTimeAsync(10_000);
    expect(poller.sample('a')).toBeUndefined();
    poller.retain('a'); // running again
    await vi.advanceTimersByTimeAsync(300);
    expect(heard).toHaveLength(2);
    expect(poller.sample('a')).toBeDefined();
  });
});
