/**
 * `containers.usage`: one reading of CPU and memory for each of several containers, for a table's live
 * cells. Each reading is the engine's one-shot stats (`stream=false&one-shot=true`, API 1.41+: answered at
 * once instead of after two collection cycles); CPU is measured against this process's previous reading of
 * the same container, so one poll every few seconds costs one request per shown container and no open
 * streams. Readings not asked for in a while are forgotten.
 */
import type Docker from 'dockerode';
import type { ContainerUsage } from '../../../contract/containers';
import { asRawStats, toStatsSample, type RawStats } from './containerStatsMath';

type CpuReading = NonNullable<RawStats['precpu_stats']>;

/** A container's previous reading is forgotten when it was not asked for in this long. */
const FORGET_MS = 60_000;

export class ContainerUsageReader {
  private readonly previous = new Map<string, { cpu: CpuReading; at: number }>();

  constructor(private readonly docker: Docker) {}

  async read(ids: readonly string[], now = Date.now()): Promise<ContainerUsage[]> {
    for (const [id, p] of this.previous) if (now - p.at > FORGET_MS) this.previous.delete(id);
    const readings = await Promise.all(ids.map((id) => this.readOne(id, now)));
    return readings.filter((r): r is ContainerUsage => r !== undefined);
  }

  private async readOne(id: string, now: number): Promise<ContainerUsage | undefined> {
    let raw: RawStats;
    try {
      raw = asRawStats(await this.docker.getContainer(id).stats({ stream: false, 'one-shot': true }));
    } catch {
      return undefined; // gone since the table showed it; the live list removes its row
    }
    // A stopped container reads as all zeros: nothing to show.
    if (!raw.cpu_stats?.system_cpu_usage) return undefined;
    const before = this.previous.get(id);
    this.previous.set(id, {
      cpu: { cpu_usage: raw.cpu_stats.cpu_usage, system_cpu_usage: raw.cpu_stats.system_cpu_usage },
      at: now,
    });
    return { id, sample: toStatsSample({ ...raw, precpu_stats: before?.cpu }, now) };
  }
}
