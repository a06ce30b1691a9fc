/** The transport port between a renderer and main, free of schemas so the preload stays tiny. */
import type { ClientMessage, ServerMessage } from './protocol';

/** The Electron IPC channel name; the only string channel in the app. */
export const IPC_CHANNEL = 'berth:message';

/** What preload exposes on `window.berthBridge`, and what the web socket transport also provides. */
export interface BridgePort {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): () => void;
  /** Web transport only: connection state changes (the socket dropped or came back). */
  onStatus?(listener: (connected: boolean) => void): () => void;
  /** Desktop only: the path on disk of a file dropped into the window (Electron hides File.path). */
  pathForFile?(file: File): string;
}
