/** Networks: list, create and remove, with the containers attached to each. */
import { z } from 'zod';
import { call, stream } from './define';
import { OnEngine } from './engines';
import { collectionEvent, NoInput, Ok } from './collection';
import { ContainerRef } from './images';
import { Labels, ObjectName } from './volumes';

export const NetworkSummary = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string(),
  internal: z.boolean(),
  attachable: z.boolean(),
  subnets: z.array(z.string()),
  created: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  /**
   * Containers attached to it. In the live list it is absent until the engine's containers are listed, a
   * moment after the networks (with thousands of containers); `list` and `create` always give it.
   */
  containers: z.array(ContainerRef).optional(),
  /** bridge, host and none: the engine's own, never removable. */
  builtIn: z.boolean(),
});
export type NetworkSummary = z.infer<typeof NetworkSummary>;

export const networks = {
  list: call(NoInput, z.array(NetworkSummary)),
  watch: stream(NoInput, collectionEvent(NetworkSummary)),
  /** The networks of one connected engine, live: the one in use or one kept connected beside it. */
  watchOn: stream(OnEngine, collectionEvent(NetworkSummary)),
  create: call(
    z.object({
      name: ObjectName,
      driver: z.string().trim().min(1).max(128).default('bridge'),
      /** CIDR, e.g. 172.30.0.0/16. */
      subnet: z
        .string()
        .trim()
        .regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'A subnet in CIDR form, e.g. 172.30.0.0/16.')
        .optional(),
      gateway: z.string().trim().min(2).max(64).optional(),
      internal: z.boolean().default(false),
      attachable: z.boolean().default(false),
      labels: Labels,
    }),
    NetworkSummary,
  ),
  /** Refuses bridge/host/none and networks with attached containers (conflict naming them). */
  remove: call(z.object({ id: ObjectName }), Ok),
} as const;
