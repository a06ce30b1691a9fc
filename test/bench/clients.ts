/**
 * Berth's own renderer client (renderer/api/client.ts) over two transports: the bridge's real WebSocket
 * (from node, with the `ws` package) and the router in-process (the API path minus the socket).
 */
import WebSocket from 'ws';
import { createClient } from '../../renderer/api/client';
import type { ApiClient } from '../../contract/api';
import type { BridgePort } from '../../contract/bridge';
import type { ServerMessage } from '../../contract/protocol';
import { createBackend, type Backend } from '../../main/backend';
import { webShell } from '../../main/services';
import { connectInProcess } from '../helpers/inProcessClient';
import type { BridgeProcess } from './bridge';

export interface BenchClient {
  api: ApiClient;
  close(): void;
}

/** A client speaking to the bridge process over its WebSocket, as the browser does. */
export async function wsClient(bridge: BridgeProcess): Promise<BenchClient> {
  const origin = `http://127.0.0.1:${bridge.port}`;
  const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/api?token=${encodeURIComponent(bridge.token)}`, {
    headers: { origin },
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const listeners = new Set<(m: ServerMessage) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    for (const l of listeners) l(message);
  });
  const port: BridgePort = {
    send: (message) => ws.send(JSON.stringify(message)),
    onMessage: (l) => (listeners.add(l), () => listeners.delete(l)),
  };
  return { api: createClient(port), close: () => ws.close() };
}

/** A client wired to a router in this process, with a JSON round trip each way as on the wire. */
export function routerClient(): BenchClient & { backend: Backend } {
  const backend = createBackend({ shell: webShell, log: () => {} });
  const { api, close } = connectInProcess(backend);
  return { backend, api, close };
}
