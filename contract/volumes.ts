/** Volumes and networks: simple list/create/remove views users expect beside containers. */
import { z } from 'zod';
import { call } from './define';
import { NoInput } from './collection';

export const volumes = {
  list: call(
    NoInput,
    z.array(
      z.object({
        name: z.string(),
        driver: z.string(),
        mountpoint: z.string(),
        labels: z.record(z.string(), z.string()),
      }),
    ),
  ),
} as const;

export const networks = {
  list: call(NoInput, z.array(z.object({ id: z.string(), name: z.string(), driver: z.string(), scope: z.string() }))),
} as const;
