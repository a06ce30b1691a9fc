/**
 * The port-forwards main runs, live (one list for every context: main owns them, so they outlive views and
 * reloads), and the actions on them: start (then open the page), stop.
 */
import { api, isDesktop } from '../api';
import type { KubePortForward, PortForwardInput } from '../../contract/kubePods';
import { createCollectionStore } from './collectionStore';
import { attempt, notify } from './toastStore';

export const useKubeForwards = createCollectionStore<KubePortForward>(
  (h) => api.kube.portForwards.subscribe(undefined, h),
  (f) => f.id,
);

/** Opens a forward's page: the user's browser on the desktop, a new tab in the web UI. */
export function openForward(url: string): void {
  if (isDesktop()) void api.system.openExternal({ url });
  else window.open(url, '_blank', 'noopener');
}

/** Starts a forward and says where it listens; `open` also opens its page. */
export async function startForward(input: PortForwardInput, open = false): Promise<KubePortForward | undefined> {
  const f = await attempt(`Forward ${input.kind} ${input.name}:${input.port}`, () => api.kube.portForward(input));
  if (!f) return undefined;
  notify('success', `Forwarding ${f.url}`, `to ${f.kind} ${f.name}:${f.port}`, f.error);
  if (open) openForward(f.url);
  return f;
}

export const stopForward = (id: string) => attempt('Stop port-forward', () => api.kube.stopPortForward({ id }));
