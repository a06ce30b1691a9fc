/** The Compose view's state: the live stacks, the CLI in use, the file the user opened and their recent files. */
import { create } from 'zustand';
import { api } from '../api';
import type { ComposeFile, ComposeStack, ComposeTool, ComposeValidation } from '../../contract/compose';
import type { ApiErrorShape } from '../../contract/apiError';
import { toErrorShape } from '../common/apiError';
import type { Subscription } from '../../contract/define';
import { createCollectionStore } from './collectionStore';

export const useStacks = createCollectionStore<ComposeStack>(
  (handlers) => api.compose.stacks.subscribe(undefined, handlers),
  (s) => s.name,
);

const RECENT_KEY = 'berth.compose.recent';
const RECENT_MAX = 8;

function loadRecent(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

type CheckOptions = { project?: string; profiles?: string[]; envFile?: string };

interface ComposeState {
  tool: ComposeTool | undefined;
  recent: string[];
  opening: boolean;
  file: ComposeFile | undefined;
  /** The CLI's verdict on the opened file (undefined while it runs). */
  validation: ComposeValidation | undefined;
  openError: ApiErrorShape | undefined;
  /** The stack whose logs are shown. */
  logsOf: string | undefined;
  /** Asks which compose CLI main found; `again` makes it look again. */
  loadTool(again?: boolean): Promise<void>;
  open(path: string): Promise<void>;
  /** Asks the CLI again, with these options (remembered for when the file changes on disk). */
  revalidate(options?: CheckOptions): Promise<void>;
  close(): void;
  forget(path: string): void;
  showLogs(project: string | undefined): void;
}

export const useCompose = create<ComposeState>()((set, get) => {
  /** The options the file was last checked with, and the watch on the file (and its env files). */
  let checked: CheckOptions = {};
  let watching: { key: string; sub: Subscription } | undefined;
  const unwatch = () => {
    watching?.sub.unsubscribe();
    watching = undefined;
  };
  /** Watches the open file, its .env and the env file the options name; on a change, reads and checks again. */
  const watchFile = (path: string) => {
    const key = `${path}\u0000${checked.envFile ?? ''}`;
    if (watching?.key === key) return;
    unwatch();
    const sub = api.compose.watchFile.subscribe(
      { path, envFile: checked.envFile },
      { onEvent: () => void reload(path), onEnd: () => watching?.sub === sub && (watching = undefined) },
    );
    watching = { key, sub };
  };
  const reload = async (path: string) => {
    if (get().file?.path !== path) return;
    try {
      const file = await api.compose.open({ path });
      if (get().file?.path === path) set({ file, openError: undefined });
    } catch (e) {
      if (get().file?.path === path) set({ openError: toErrorShape(e), validation: undefined });
      return;
    }
    await get().revalidate(checked);
  };
  const remember = (path: string) => {
    const recent = [path, ...get().recent.filter((p) => p !== path)].slice(0, RECENT_MAX);
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
    set({ recent });
  };
  return {
    tool: undefined,
    recent: loadRecent(),
    opening: false,
    file: undefined,
    validation: undefined,
    openError: undefined,
    logsOf: undefined,
    async loadTool(again = false) {
      try {
        set({ tool: await api.compose.tool({ again }) });
      } catch (e) {
        set({ tool: { available: false, hint: toErrorShape(e).message } });
      }
    },
    async open(path) {
      set({ opening: true, openError: undefined });
      try {
        const file = await api.compose.open({ path });
        set({ file, validation: undefined, opening: false });
        remember(file.path);
        checked = {};
        watchFile(file.path);
        await get().revalidate();
      } catch (e) {
        unwatch();
        set({ openError: toErrorShape(e), file: undefined, validation: undefined, opening: false });
      }
    },
    async revalidate(options = {}) {
      const file = get().file;
      if (!file) return;
      checked = options;
      watchFile(file.path);
      set({ validation: undefined });
      try {
        const validation = await api.compose.validate({ file: file.path, ...options });
        if (get().file === file) set({ validation });
      } catch (e) {
        if (get().file === file) set({ validation: { ok: false, message: toErrorShape(e).message } });
      }
    },
    close: () => {
      unwatch();
      set({ file: undefined, validation: undefined, openError: undefined });
    },
    forget(path) {
      const recent = get().recent.filter((p) => p !== path);
      localStorage.setItem(RECENT_KEY, JSON.stringify(recent));
      set({ recent });
    },
    showLogs: (logsOf) => set({ logsOf }),
  };
});
