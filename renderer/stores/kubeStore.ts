/**
 * The Kubernetes view's selection (context, namespace), the kubeconfig's contexts and each context's
 * reachability. The selection survives a reload; the namespace last shown in each context is kept in
 * Berth's settings (kubeNamespaces) and comes back when that context is picked again.
 */
import { saveSettings, useSettings } from './settingsStore';
import { create } from 'zustand';
import { api } from '../api';
import type { ApiErrorShape } from '../../contract/apiError';
import { toErrorShape } from '../common/apiError';
import type { ClusterStatus, KubeContext } from '../../contract/kube';
import { useTasks } from './tasksStore';

const STORAGE = 'berth.kube';

export type KubeTab = 'map' | 'workloads' | 'resources' | 'nodes' | 'forwards' | 'clusters';

export type ContextStatus =
  { state: 'checking' } | { state: 'ok'; status: ClusterStatus } | { state: 'error'; error: ApiErrorShape };

interface KubeStore {
  contexts: KubeContext[];
  contextsError: ApiErrorShape | undefined;
  loaded: boolean;
  context: string | undefined;
  namespace: string;
  status: Record<string, ContextStatus>;
  tab: KubeTab;
  /** The deployment the user just deployed, shown (its namespace selected) and marked in the list. */
  deployed: { context: string; namespace: string; name: string } | undefined;
  setTab(tab: KubeTab): void;
  /** After a deploy: show the namespace it went to (unless all namespaces are shown) and mark it. */
  showDeployed(deployed: { context: string; namespace: string; name: string }): void;
  /** When the kind create task succeeds, select its context and show its cluster map. */
  showWhenCreated(taskId: string, context: string): void;
  refresh(): Promise<void>;
  select(context: string): void;
  setNamespace(namespace: string): void;
  checkStatus(context: string): Promise<void>;
}

const saved = (): { context?: string; namespace?: string } => {
  try {
    return JSON.parse(localStorage.getItem(STORAGE) ?? '{}') as { context?: string; namespace?: string };
  } catch {
    return {};
  }
};
const save = (s: { context?: string; namespace: string }) => {
  try {
    localStorage.setItem(STORAGE, JSON.stringify(s));
  } catch {
    // storage unavailable: the selection just does not survive a reload
  }
};

export const useKube = create<KubeStore>()((set, get) => ({
  contexts: [],
  contextsError: undefined,
  loaded: false,
  context: saved().context,
  namespace: saved().namespace ?? 'default',
  status: {},
  tab: 'map',
  deployed: undefined,
  setTab: (tab) => set({ tab }),
  showDeployed(deployed) {
    const { namespace } = get();
    if (namespace !== '' && namespace !== deployed.namespace) get().setNamespace(deployed.namespace);
    set({ deployed });
  },
  showWhenCreated(taskId, context) {
    const settle = (state: string | undefined) => {
      if (state === 'succeeded') {
        void get()
          .refresh()
          .then(() => {
            get().select(context);
            set({ tab: 'map' });
          });
      }
      return state !== undefined && state !== 'running';
    };
    if (settle(useTasks.getState().tasks.get(taskId)?.state)) return;
    const off = useTasks.subscribe((s) => {
      if (settle(s.tasks.get(taskId)?.state)) off();
    });
  },
  async refresh() {
    try {
      // The contexts come straight from the kubeconfig; whether each cluster answers is asked after.
      const contexts = await api.kube.contexts();
      const { context } = get();
      const chosen = contexts.find((c) => c.name === context)
        ? context
        : (contexts.find((c) => c.current)?.name ?? contexts[0]?.name);
      set({ contexts, contextsError: undefined, loaded: true });
      if (chosen && chosen !== context) get().select(chosen);
      else if (chosen) void get().checkStatus(chosen);
      // The other contexts' reachability, in the background, so the picker can say which ones answer.
      for (const c of contexts) if (c.name !== chosen && !get().status[c.name]) void get().checkStatus(c.name);
    } catch (e) {
      set({ contextsError: toErrorShape(e), loaded: true });
    }
  },
  select(context) {
    const previous = get().context;
    const namespace = previous === context ? get().namespace : namespaceFor(context, get().contexts);
    set({ context, namespace });
    save({ context, namespace });
    void get().checkStatus(context);
  },
  setNamespace(namespace) {
    const { context } = get();
    set({ namespace });
    save({ context, namespace });
    if (context) rememberNamespace(context, namespace);
  },
  async checkStatus(context) {
    set((s) => ({ status: { ...s.status, [context]: { state: 'checking' } } }));
    try {
      const status = await api.kube.status({ context });
      set((s) => ({ status: { ...s.status, [context]: { state: 'ok', status } } }));
    } catch (e) {
      set((s) => ({ status: { ...s.status, [context]: { state: 'error', error: toErrorShape(e) } } }));
    }
  },
}));

/**
 * The namespace to show when a context is picked: the one last shown in it, else the context's own
 * namespace from the kubeconfig, else the default namespace from Settings.
 */
export function namespaceFor(context: string, contexts: KubeContext[]): string {
  const values = useSettings.getState().snapshot?.values;
  const remembered = values?.kubeNamespaces[context];
  if (remembered !== undefined) return remembered;
  return contexts.find((c) => c.name === context)?.namespace ?? values?.defaultNamespace ?? 'default';
}

/** How many contexts' namespaces are kept: the most recently changed ones. */
export const REMEMBERED_CONTEXTS = 100;

/** Keeps a context's namespace in the settings (only when it changed; a failed save just forgets it). */
function rememberNamespace(context: string, namespace: string): void {
  const values = useSettings.getState().snapshot?.values;
  if (!values || values.kubeNamespaces[context] === namespace) return;
  // The context moves to the end, and the oldest ones go beyond the limit.
  const entries = Object.entries(values.kubeNamespaces).filter(([name]) => name !== context);
  entries.push([context, namespace]);
  const kubeNamespaces = Object.fromEntries(entries.slice(-REMEMBERED_CONTEXTS));
  saveSettings({ kubeNamespaces }).catch(() => {});
}

/**
 * Until the user picks a namespace, the default namespace from Settings applies: as the store is made, and
 * whenever Settings change. This module is not on the first paint's path (only the Kubernetes view and the
 * command palette import it), so it is made when they first need it.
 */
function followDefaultNamespace(): void {
  const apply = (s: ReturnType<typeof useSettings.getState>) => {
    const fallback = s.snapshot?.values.defaultNamespace;
    if (fallback && saved().namespace === undefined && useKube.getState().namespace !== fallback) {
      useKube.setState({ namespace: fallback });
    }
  };
  apply(useSettings.getState());
  useSettings.subscribe(apply);
}
followDefaultNamespace();
