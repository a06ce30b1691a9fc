/** The compose part of the contract: stacks found on the engine and compose files opened by the user. */
import { z } from 'zod';
import { call } from './define';
import { NoInput } from './collection';

export const ComposeTool = z.object({
  available: z.boolean(),
  /** 'docker compose' (v2 plugin) or 'docker-compose' (v1). */
  command: z.string().optional(),
  version: z.string().optional(),
  hint: z.string().optional(),
});

export const compose = {
  tool: call(NoInput, ComposeTool),
} as const;
