/** What the bench ran on, printed and stored beside the figures. */
import { cpus, totalmem, loadavg, release } from 'node:os';
import { engineJson } from './engine';

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: number[];
  kernel: string;
  node: string;
  dockerVersion: string;
  dockerApiVersion: string;
}

export async function machineInfo(): Promise<MachineInfo> {
  const version = await engineJson<{ Version: string; ApiVersion: string }>('GET', '/version');
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    kernel: release(),
    node: process.version,
    dockerVersion: version.Version,
    dockerApiVersion: version.ApiVersion,
  };
}

export const describeMachine = (m: MachineInfo): string =>
  `machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, load ${m.loadAverage.join(' ')}, ` +
  `kernel ${m.kernel}, node ${m.node}, Docker ${m.dockerVersion} (API ${m.dockerApiVersion})`;
