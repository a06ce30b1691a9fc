import { z } from 'zod';

/**
 * A live collection: a snapshot first, then upserts and removals as the engine or cluster reports changes.
 * Every list view (containers, images, pods, ...) consumes this one shape.
 */
export const collectionEvent = <T extends z.ZodType>(item: T) =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('snapshot'), items: z.array(item) }),
    z.object({ type: z.literal('upsert'), items: z.array(item) }),
    z.object({ type: z.literal('remove'), ids: z.array(z.string()) }),
  ]);

export type CollectionEvent<T> =
  { type: 'snapshot'; items: T[] } | { type: 'upsert'; items: T[] } | { type: 'remove'; ids: string[] };

export const NoInput = z.void();
export const Ok = z.object({ ok: z.literal(true) });
export const OK = { ok: true } as const;
export const TaskStarted = z.object({ taskId: z.string() });
