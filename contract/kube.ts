/** The Kubernetes and kind part of the contract. */
import { z } from 'zod';
import { call } from './define';
import { NoInput } from './collection';

export const KubeContext = z.object({
  name: z.string(),
  cluster: z.string(),
  server: z.string().optional(),
  current: z.boolean(),
  kind: z.boolean(),
});

export const kube = {
  contexts: call(NoInput, z.array(KubeContext)),
} as const;
