/** Berth's own client wired straight to a backend's router: the whole API path minus the socket. */
import { createBackend, type Backend } from '../../main/backend';
import { webShell } from '../../main/services';
import { createClient } from '../../renderer/api/client';
import type { ApiClient } from '../../contract/api';
import type { BridgePort } from '../../contract/bridge';
import type { ServerMessage } from '../../contract/protocol';
import type { Connection } from '../../main/ipc/router';

export interface TestBackend {
  backend: Backend;
  api: ApiClient;
  /** Sends a raw (possibly malformed) message and returns the first reply to it. */
  raw(message: unknown): Promise<ServerMessage>;
  close(): void;
}

export interface InProcessClient {
  api: ApiClient;
  connection: Connection;
  /** Everything the router sends on this connection goes to these listeners. */
  listeners: Set<(m: ServerMessage) => void>;
  /** Closes the connection and disposes the backend. */
  close(): void;
}

/** A client wired to a backend's router in this process, with a JSON round trip each way as on the wire. */
export function connectInProcess(backend: Backend): InProcessClient {
  const listeners = new Set<(m: ServerMessage) => void>();
  const connection = backend.router.connect((m) => {
    const copy = JSON.parse(JSON.stringify(m)) as ServerMessage;
    queueMicrotask(() => listeners.forEach((l) => l(copy)));
  });
  const port: BridgePort = {
    send: (message) => connection.receive(JSON.parse(JSON.stringify(message))),
    onMessage: (l) => (listeners.add(l), () => listeners.delete(l)),
  };
  return {
    api: createClient(port),
    connection,
    listeners,
    close: () => {
      connection.close();
      backend.dispose();
    },
  };
}

export function startTestBackend(engineOverride?: string): TestBackend {
  const backend = createBackend({ shell: webShell, engineOverride, validateOutputs: 'fail', log: () => {} });
  const { api, connection, listeners, close } = connectInProcess(backend);
  return {
    backend,
    api,
    raw: (message) =>
      new Promise((resolve) => {
        const l = (m: ServerMessage) => {
          listeners.delete(l);
          resolve(m);
        };
        listeners.add(l);
        connection.receive(message);
      }),
    close,
  };
}
