/**
 * Connects the stores that follow main by themselves — the engine, tasks, settings, the shell's requests —
 * and the view in the URL. Called once by the entry point (main.tsx) before the first render; no store
 * subscribes to main when it is imported, so each can be tested with a fake client. (Lists such as
 * containers or pods subscribe while a view retains them: see collectionStore.ts. The Kubernetes store,
 * off the first paint's path, follows Settings' default namespace from when it is made.)
 */
import type { ApiClient } from '../../contract/api';
import { connectEngine } from './engineStore';
import { connectNav } from './navStore';
import { connectOpenRequests } from './openRequests';
import { connectSettings } from './settingsStore';
import { connectTasks } from './tasksStore';

/** Returns the function that disconnects them all. */
export function connectStores(client: ApiClient, page: Window): () => void {
  const stops = [
    connectNav(page),
    connectEngine(client),
    connectTasks(client),
    connectSettings(client),
    connectOpenRequests(client),
  ];
  return () => stops.forEach((stop) => stop());
}
