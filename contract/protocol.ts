/** The wire messages between a renderer and main. The same messages travel over Electron IPC and the web bridge. */
import { z } from 'zod';
import { ApiErrorShape } from './errors';

const Id = z.number().int().nonnegative();
const Method = z.string().min(1).max(100);

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call'), id: Id, method: Method, input: z.unknown().optional() }),
  z.object({ type: z.literal('subscribe'), id: Id, method: Method, input: z.unknown().optional() }),
  z.object({ type: z.literal('unsubscribe'), id: Id }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: ApiErrorShape }
  | { type: 'event'; id: number; event: unknown }
  | { type: 'end'; id: number; error?: ApiErrorShape };
