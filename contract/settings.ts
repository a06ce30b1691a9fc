/** User settings and the first-run environment check. */
import { z } from 'zod';
import { call } from './define';
import { NoInput } from './collection';

export const settings = {
  environment: call(
    NoInput,
    z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        found: z.boolean(),
        version: z.string().optional(),
        hint: z.string().optional(),
      }),
    ),
  ),
} as const;
