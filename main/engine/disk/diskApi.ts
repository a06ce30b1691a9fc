/**
 * The engine's part of the system domain: disk usage (`docker system df`) and prune per type with a preview.
 * The backend joins it with main/system's calls (that layer may not reach the engine).
 */
import type { ApiImplementation } from '../../../contract/api';
import type { Services } from '../../services';
import { readDiskUsage, toDiskUsage } from './diskUsage';
import { prune, prunePreview } from './prune';

export type DiskCalls = Pick<ApiImplementation['system'], 'diskUsage' | 'prunePreview' | 'prune'>;

export function diskApi({ engine }: Pick<Services, 'engine'>): DiskCalls {
  return {
    diskUsage: async () => toDiskUsage(await readDiskUsage(engine.docker)),
    prunePreview: async (target) => prunePreview(engine.docker, target),
    prune: async (request) => prune(engine.docker, request),
  };
}
