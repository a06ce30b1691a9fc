import { create } from 'zustand';
import { toApiError } from '../common/apiError';

export interface Toast {
  id: number;
  kind: 'error' | 'info' | 'success';
  title: string;
  message?: string;
  hint?: string;
}

interface ToastStore {
  toasts: Toast[];
  dismiss(id: number): void;
}

let next = 1;
export const useToasts = create<ToastStore>()((set) => ({
  toasts: [],
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));

export function notify(kind: Toast['kind'], title: string, message?: string, hint?: string): void {
  const toast: Toast = { id: next++, kind, title, message, hint };
  useToasts.setState((s) => ({ toasts: [...s.toasts.slice(-4), toast] }));
  if (kind !== 'error') setTimeout(() => useToasts.getState().dismiss(toast.id), 4000);
}

/** Runs an API call and turns a failure into a toast that says what to do. Returns undefined on failure. */
export async function attempt<T>(title: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (e) {
    const err = toApiError(e);
    notify('error', title, err.message, err.hint);
    return undefined;
  }
}
