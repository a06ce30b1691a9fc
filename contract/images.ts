/** The images part of the contract. */
import { z } from 'zod';
import { call, stream } from './define';
import { collectionEvent, NoInput } from './collection';

export const ImageSummary = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  size: z.number(),
  created: z.number(),
  /** How many containers (any state) use it. */
  containers: z.number(),
  dangling: z.boolean(),
  labels: z.record(z.string(), z.string()),
});
export type ImageSummary = z.infer<typeof ImageSummary>;

export const images = {
  list: call(NoInput, z.array(ImageSummary)),
  watch: stream(NoInput, collectionEvent(ImageSummary)),
} as const;
