/** The containers part of the contract. */
import { z } from 'zod';
import { call, stream } from './define';
import { collectionEvent, NoInput, Ok } from './collection';

export const ContainerId = z.string().min(1).max(200);
const IdInput = z.object({ id: ContainerId });

export const PortBinding = z.object({
  ip: z.string().optional(),
  privatePort: z.number(),
  publicPort: z.number().optional(),
  type: z.string(),
});
export type PortBinding = z.infer<typeof PortBinding>;

export const ContainerSummary = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  created: z.number(),
  state: z.string(),
  status: z.string(),
  ports: z.array(PortBinding),
  labels: z.record(z.string(), z.string()),
  /** From the compose labels, when the container belongs to a stack. */
  composeProject: z.string().optional(),
  composeService: z.string().optional(),
});
export type ContainerSummary = z.infer<typeof ContainerSummary>;

export const containers = {
  list: call(z.object({ all: z.boolean().default(true) }).optional(), z.array(ContainerSummary)),
  /** The live container list: snapshot, then upserts/removals from Docker's event stream. */
  watch: stream(NoInput, collectionEvent(ContainerSummary)),
  inspect: call(IdInput, z.record(z.string(), z.unknown())),
  start: call(IdInput, Ok),
  stop: call(IdInput.extend({ timeoutSeconds: z.number().int().min(0).max(600).optional() }), Ok),
  restart: call(IdInput, Ok),
  pause: call(IdInput, Ok),
  unpause: call(IdInput, Ok),
  kill: call(
    IdInput.extend({
      signal: z
        .string()
        .regex(/^[A-Z0-9]+$/)
        .optional(),
    }),
    Ok,
  ),
  remove: call(
    IdInput.extend({
      force: z.boolean().default(false),
      /** Also remove the container's anonymous volumes; only when the user asked. */
      volumes: z.boolean().default(false),
    }),
    Ok,
  ),
} as const;
