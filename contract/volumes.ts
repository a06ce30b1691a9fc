/** Volumes: list, create and remove, with the containers that mount each. */
import { z } from 'zod';
import { call, stream } from './define';
import { OnEngine } from './engines';
import { collectionEvent, NoInput, Ok } from './collection';
import { ContainerRef } from './images';

/** Docker's object-name grammar for volumes and networks. */
export const ObjectName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Use letters, digits, and _ . - (starting with a letter or digit).');
export const Labels = z.record(z.string().min(1).max(512), z.string().max(4096)).default({});

export const VolumeSummary = z.object({
  name: z.string(),
  driver: z.string(),
  mountpoint: z.string(),
  scope: z.string(),
  created: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  /**
   * Containers (any state) that mount it. In the live list it is absent until the engine's containers are
   * listed, a moment after the volumes (with thousands of containers); `list` and `create` always give it.
   */
  usedBy: z.array(ContainerRef).optional(),
  /** Anonymous volumes get a 64-hex name. */
  anonymous: z.boolean(),
});
export type VolumeSummary = z.infer<typeof VolumeSummary>;

export const volumes = {
  list: call(NoInput, z.array(VolumeSummary)),
  /** Live from volume and container events. */
  watch: stream(NoInput, collectionEvent(VolumeSummary)),
  /** The volumes of one connected engine, live: the one in use or one kept connected beside it. */
  watchOn: stream(OnEngine, collectionEvent(VolumeSummary)),
  create: call(
    z.object({
      name: ObjectName.optional(),
      driver: z.string().trim().min(1).max(128).default('local'),
      driverOpts: z.record(z.string().min(1), z.string()).default({}),
      labels: Labels,
    }),
    VolumeSummary,
  ),
  /** Refuses a volume in use (conflict naming the containers). */
  remove: call(z.object({ name: ObjectName, force: z.boolean().default(false) }), Ok),
  /** Disk usage per volume (name → bytes); asks the engine to measure, so call it on demand. */
  sizes: call(NoInput, z.record(z.string(), z.number())),
} as const;
