/**
 * The table's live CPU and memory: one poller for every cell in view, one request per tick for all of
 * them, a quicker second reading while CPU is unknown, a row come into view read soon even while a reading
 * is on its way, a cell told only when its text changed, a slower pace after a while without input,
 * nothing while the window is hidden or unfocused, and nothing once the last cell is gone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createUsagePoller,
  IDLE_PERIOD_MS,
  USAGE_PERIOD_MS,
  usageText,
  type UsageSource,
} from '../../../../../renderer/views/containers/liveStats';
import { IDLE_AFTER_MS } from '../../../../../renderer/components/windowActivity';
import type { ContainerUsage, StatsSample } from '../../../../../contract/containers';

const sample = (cpuPercent: number | null, memoryUsage = 1024): StatsSample => ({
  time: 0,
  cpuPercent,
  onlineCpus: 1,
  memoryUsage,
  memoryLimit: 4096,
  memoryPercent: 25,
  networkRx: 0,
  networkTx: 0,
  blockRead: 0,
  blockWrite: 0,
  pids: 1,
});

/**
 * A source whose readings come from `reading(id, n)` (n: how many times the id was read before); by default
 * CPU is null the first time (it needs two readings) and 5 % after. Each reading takes `readMs`.
 */
function fakeSource(reading: (id: string, n: number) => StatsSample = (_, n) => sample(n ? 5 : null), readMs = 0) {
  const reads: string[][] = [];
  let active = true;
  let lastInput = Date.now();
  let changed: () => void = () => {};
  let stopped = 0;
  const source: UsageSource = {
    read: async (ids) => {
      if (readMs) await new Promise((resolve) => setTimeout(resolve, readMs));
      const n = (id: string) => reads.flat().filter((x) => x === id).length;
      const out = ids.map((id): ContainerUsage => ({ id, sample: reading(id, n(id)) }));
      reads.push(ids);
      return out;
    },
    active: () => active,
    idleFor: () => Date.now() - lastInput,
    onActivity: (l) => ((changed = l), () => void stopped++),
  };
  return {
    source,
    reads,
    setActive(a: boolean) {
      active = a;
      changed();
    },
    /** Pointer or key input: after idleness the window tells its listeners. */
    input() {
      const wasIdle = Date.now() - lastInput >= IDLE_AFTER_MS;
      lastInput = Date.now();
      if (wasIdle) changed();
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
    await vi.advanceTimersByTimeAsync(300);
    expect(f.reads).toEqual([['a', 'b']]);
    expect(poller.text('a')?.cpu).toBe('0.0%');
    // CPU unknown: the second reading comes after a second, then the period.
    await vi.advanceTimersByTimeAsync(1000);
    expect(f.reads).toHaveLength(2);
    expect(poller.text('a')?.cpu).toBe('5.0%');
    await vi.advanceTimersByTimeAsync(USAGE_PERIOD_MS - 100);
    expect(f.reads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(f.reads).toHaveLength(3);
  });

  it('tells a cell only when its text changed, and keeps what did not change', async () => {
    // Memory moves by a few bytes (the same "1.0 KB") until the fourth reading, CPU stays at 5 % after the first.
    const f = fakeSource((_, n) => sample(n ? 5 : null, n < 3 ? 1024 + n : 2048));
    const poller = createUsagePoller(() => f.source);
    poller.retain('a');
    const heard: number[] = [];
    poller.subscribe('a', () => heard.push(f.reads.length));
    await vi.advanceTimersByTimeAsync(300);
    const first = poller.text('a');
    expect(first).toEqual({ cpu: '0.0%', memory: { text: '1.0 KB', title: '25% of 4.1 KB' } });
    await vi.advanceTimersByTimeAsync(1000); // CPU known: a change
    const second = poller.text('a');
    expect(second?.cpu).toBe('5.0%');
    expect(second?.memory).toBe(first?.memory);
    await vi.advanceTimersByTimeAsync(USAGE_PERIOD_MS); // nothing shown changed: no call, same object
    expect(f.reads).toHaveLength(3);
    expect(poller.text('a')).toBe(second);
    await vi.advanceTimersByTimeAsync(USAGE_PERIOD_MS); // memory changed, CPU did not
    expect(f.reads).toHaveLength(4);
    expect(poller.text('a')?.memory.text).toBe('2.0 KB');
    expect(heard).toEqual([1, 2, 4]);
  });

  it('reads less often after a while without input, and at the usual pace again on input', async () => {
    const f = fakeSource(() => sample(5));
    const poller = createUsagePoller(() => f.source);
    poller.retain('a');
    await vi.advanceTimersByTimeAsync(IDLE_AFTER_MS);
    const busy = f.reads.length; // one at 250 ms, then every 3 s
    expect(busy).toBe(1 + Math.floor((IDLE_AFTER_MS - 250) / USAGE_PERIOD_MS));
    await vi.advanceTimersByTimeAsync(60_000);
    const idle = f.reads.length - busy;
    expect(idle).toBeGreaterThanOrEqual(5);
    expect(idle).toBeLessThanOrEqual(60_000 / IDLE_PERIOD_MS + 1);
    // Input: the next reading comes a usual period after the last one (here at once: that is long past).
    const before = f.reads.length;
    f.input();
    await vi.advanceTimersByTimeAsync(10);
    expect(f.reads).toHaveLength(before + 1);
    await vi.advanceTimersByTimeAsync(USAGE_PERIOD_MS);
    expect(f.reads).toHaveLength(before + 2);
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

  it('a row come into view while a reading is on its way is read soon after it, not a period later', async () => {
    const f = fakeSource(() => sample(5), 500);
    const poller = createUsagePoller(() => f.source);
    poller.retain('a');
    await vi.advanceTimersByTimeAsync(400); // the reading of a asked at 250 ms, in until 750 ms
    poller.retain('b');
    await vi.advanceTimersByTimeAsync(350);
    expect(f.reads).toEqual([['a']]);
    // Due at 650 ms, so asked as soon as the first reading is in (750 ms), and in 500 ms after.
    await vi.advanceTimersByTimeAsync(510);
    expect(f.reads).toEqual([['a'], ['a', 'b']]);
    expect(poller.text('b')).toBeDefined();
    // Then the usual period after that.
    await vi.advanceTimersByTimeAsync(USAGE_PERIOD_MS);
    expect(f.reads).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(500);
    expect(f.reads).toHaveLength(3);
  });

  it('reads only the containers whose cells are in view (retained), not those merely listening', async () => {
    const f = fakeSource();
    const poller = createUsagePoller(() => f.source);
    poller.subscribe('overscan', () => {});
    poller.subscribe('seen', () => {});
    const release = poller.retain('seen');
    await vi.advanceTimersByTimeAsync(300);
    expect(f.reads).toEqual([['seen']]);
    expect(poller.text('overscan')).toBeUndefined();
    // Scrolled: the seen row becomes an overscan row, the other one comes into view.
    release();
    poller.retain('overscan');
    await vi.advanceTimersByTimeAsync(300);
    expect(f.reads.at(-1)).toEqual(['overscan']);
  });

  it('stops asking for a container whose cells are gone, and stops entirely after the last one', async () => {
    const f = fakeSource();
    const poller = createUsagePoller(() => f.source);
    const releaseA = poller.retain('a');
    const releaseB = poller.retain('b');
    const unsubscribe = poller.subscribe('b', () => {});
    await vi.advanceTimersByTimeAsync(1500);
    releaseA();
    releaseA(); // a second release of the same hold changes nothing
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
    expect(poller.text('a')).toBeUndefined();
    poller.retain('a'); // running again
    await vi.advanceTimersByTimeAsync(300);
    expect(heard).toHaveLength(2);
    expect(poller.text('a')).toBeDefined();
  });
});

describe('the cells text', () => {
  it('shows CPU and memory as the cells do', () => {
    expect(usageText({ ...sample(12.345, 5_300_000), memoryLimit: 2_000_000_000, memoryPercent: 0.265 })).toEqual({
      cpu: '12%',
      memory: { text: '5.3 MB', title: '0.3% of 2.0 GB' },
    });
  });
});
