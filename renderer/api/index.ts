/** The one client the renderer uses: Electron's preload port when present, else the browser bridge's socket. */
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

export const api: ApiClient = createClient(pickPort());
export const isDesktop = (): boolean => Boolean(window.berthBridge);
