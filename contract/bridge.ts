/** The transport port between a renderer and main, free of schemas so the preload stays tiny. */
import type { ClientMessage, ServerMessage } from './protocol';

/** The Electron IPC channel name; the only string channel in the app. */
export const IPC_CHANNEL = 'berth:message';

/**
 * The web bridge's socket URL parameter that carries the subscriptions a page sent before its socket opened,
 * as a JSON array (never a call: its input may be a secret, and a URL may be kept by a browser or a proxy).
 * The bridge takes them as the socket's first messages, so the first lists are on their way as soon as the
 * socket is accepted, not after the page (its main thread busy loading the app) has seen it open.
 */
export const FIRST_MESSAGES_PARAM = 'first';

/** What preload exposes on `window.berthBridge`, and what the web socket transport also provides. */
export interface BridgePort {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): () => void;
  /** Web transport only: connection state changes (the socket dropped or came back). */
  onStatus?(listener: (connected: boolean) => void): () => void;
  /** Desktop only: the path on disk of a file dropped into the window (Electron hides File.path). */
  pathForFile?(file: File): string;
}
