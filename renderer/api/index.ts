/**
 * The one client the renderer uses. Importing it starts nothing: main.tsx calls `connectApi()` once, which
 * picks Electron's preload port when present, else the browser bridge's socket. Until then (in a unit test
 * that gives no port) any use of `api` throws, naming the missing call.
 */
import type { BridgePort } from '../../contract/bridge';
import { createClient, type ApiClient } from './client';
import { webSocketPort } from './webSocketPort';

declare global {
  interface Window {
    berthBridge?: BridgePort;
  }
}

function pickPort(): BridgePort {
  if (window.berthBridge) return window.berthBridge;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = new URLSearchParams(location.search).get('token');
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return webSocketPort(`${scheme}://${location.host}/api${query}`);
}

let client: ApiClient | undefined;

/** Connects the renderer to main over `port` (by default the one this page has) and returns the client. */
export function connectApi(port: BridgePort = pickPort()): ApiClient {
  client = createClient(port);
  return client;
}

/** The client `connectApi` made, by domain: `api.containers.start({ id })`. */
export const api: ApiClient = new Proxy({} as ApiClient, {
  get(_target, domain) {
    if (!client) throw new Error('The API is used before connectApi() was called (renderer/main.tsx calls it).');
    return client[domain as keyof ApiClient];
  },
});

export const isDesktop = (): boolean => Boolean(window.berthBridge);
