/** The browser bridge's port: the wire protocol over a WebSocket to /api, reconnecting by itself. */
import type { BridgePort } from '../../contract/bridge';
import type { ClientMessage, ServerMessage } from '../../contract/protocol';

export function webSocketPort(url: string): BridgePort {
  const listeners = new Set<(m: ServerMessage) => void>();
  const statusListeners = new Set<(connected: boolean) => void>();
  let queue: string[] = [];
  let socket: WebSocket | undefined;
  let retry = 0;

  const open = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      const wasRetry = retry > 0;
      retry = 0;
      for (const m of queue) ws.send(m);
      queue = [];
      if (wasRetry) for (const l of statusListeners) l(true);
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      const message = JSON.parse(e.data) as ServerMessage;
      for (const l of listeners) l(message);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      for (const l of statusListeners) l(false);
      retry++;
      setTimeout(open, Math.min(5000, 250 * 2 ** Math.min(retry, 5)));
    };
  };
  open();

  return {
    send(message: ClientMessage) {
      const text = JSON.stringify(message);
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else if (message.type !== 'unsubscribe') queue.push(text);
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}
