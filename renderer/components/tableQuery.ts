/**
 * A table's filter text, held outside React's state in a small store: the search box writes it and the
 * table reads it, so a keystroke renders the box, and the table only when the rows it shows change — the
 * view around them is not rendered at all. A view that needs to know more (whether anything is typed, the
 * text itself for a second list) selects just that from the store.
 */
import { useState } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';

export type TableQuery = StoreApi<{ text: string }>;

const createTableQuery = (): TableQuery => createStore(() => ({ text: '' }));

/** A query of the component's own, the same store for its whole life. */
export function useTableQuery(): TableQuery {
  const [query] = useState(createTableQuery);
  return query;
}

/** Whether anything is typed: re-renders its caller only when that changes, not on every keystroke. */
export const useQueryTyped = (query: TableQuery): boolean => useStore(query, (s) => s.text.trim() !== '');

/** The text itself, or '' while `wanted` is false (the caller is then not re-rendered by keystrokes). */
export const useQueryText = (query: TableQuery, wanted = true): string =>
  useStore(query, (s) => (wanted ? s.text : ''));
