/**
 * Toasts: short messages in the corner. Each has a key (what it is about: its title, or a task's kind and
 * target), and a newer toast with the same key replaces the older one, so a success follows a failure
 * rather than sitting under it. Every toast expires, errors later than the rest; while the pointer is
 * over the toasts none expires. A toast may carry a link to what it is about.
 */
import { create } from 'zustand';
import { toApiError } from '../common/apiError';
import type { ViewName } from './navStore';

export interface ToastLink {
  label: string;
  view: ViewName;
  detail?: string;
}

export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  title: string;
  message?: string;
  hint?: string;
  /** Toasts with the same key replace each other. */
  key: string;
  link?: ToastLink;
}

export interface NotifyOptions {
  /** What the toast is about; defaults to its title. */
  key?: string;
  link?: ToastLink;
}

/** How long a toast stays, by kind. */
export const TOAST_MS: Record<Toast['kind'], number> = { success: 6000, info: 6000, error: 15000 };
const MAX_TOASTS = 4;

interface ToastStore {
  toasts: Toast[];
  /** Whether the pointer is over the toasts now (set by the component that shows them): none expires then. */
  held(): boolean;
  dismiss(id: number): void;
}

let next = 1;
export const useToasts = create<ToastStore>()((set) => ({
  toasts: [],
  held: () => false,
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

function expire(id: number, ms: number): void {
  setTimeout(() => {
    const { held, toasts, dismiss } = useToasts.getState();
    if (!toasts.some((t) => t.id === id)) return;
    if (held()) expire(id, 1000);
    else dismiss(id);
  }, ms);
}

export function notify(
  kind: Toast['kind'],
  title: string,
  message?: string,
  hint?: string,
  options: NotifyOptions = {},
): void {
  const key = options.key ?? title;
  const toast: Toast = { id: next++, kind, title, message, hint, key, link: options.link };
  useToasts.setState((s) => ({ toasts: [...s.toasts.filter((t) => t.key !== key).slice(1 - MAX_TOASTS), toast] }));
  expire(toast.id, TOAST_MS[kind]);
}

/** Whether a toast about `key` is showing. */
export const showing = (key: string): boolean => useToasts.getState().toasts.some((t) => t.key === key);

/** Runs an API call and turns a failure into a toast that says what to do. Returns undefined on failure. */
export async function attempt<T>(
  title: string,
  run: () => Promise<T>,
  options?: NotifyOptions,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (e) {
    const err = toApiError(e);
    notify('error', title, err.message, err.hint, options);
    return undefined;
  }
}
