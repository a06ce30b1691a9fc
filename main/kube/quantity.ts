/**
 * Kubernetes resource quantities ("250m", "1.5", "128Mi", "2Gi", "1e3") as numbers, and a pod's requests as
 * the scheduler counts them: the larger of its containers' sum and its largest init container, plus overhead.
 */
import type { V1Pod } from '@kubernetes/client-node';

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** A quantity as a number of its base unit (cores, bytes, pods); 0 when absent or unreadable. */
export function parseQuantity(text: string | undefined): number {
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec((text ?? '').trim());
  if (!m) return 0;
  const factor = SUFFIX[m[2] ?? ''];
  return factor === undefined ? 0 : Number(m[1]) * factor;
}

type Requests = { cpu: number; memory: number };
type WithRequests = { resources?: { requests?: Record<string, string | number> } };
const requestsOf = (c: WithRequests): Requests => ({
  cpu: parseQuantity(String(c.resources?.requests?.cpu ?? '')),
  memory: parseQuantity(String(c.resources?.requests?.memory ?? '')),
});

/** What a pod asks of its node: cores and bytes. */
export function podRequests(spec: V1Pod['spec']): Requests {
  const sum = (spec?.containers ?? [])
    .map(requestsOf)
    .reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), {
      cpu: 0,
      memory: 0,
    });
  const init = (spec?.initContainers ?? []).map(requestsOf);
  const overhead = spec?.overhead ?? {};
  return {
    cpu: Math.max(sum.cpu, ...init.map((i) => i.cpu)) + parseQuantity(String(overhead.cpu ?? '')),
    memory: Math.max(sum.memory, ...init.map((i) => i.memory)) + parseQuantity(String(overhead.memory ?? '')),
  };
}
