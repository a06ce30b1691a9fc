/**
 * The browser bridge's port: the wire protocol over a WebSocket to /api, reconnecting by itself. The socket is
 * made once the code that made the port has run to its end (a microtask later), and what was sent until then
 * (the first view's subscriptions, main.tsx) rides in its URL: the bridge answers as soon as it accepts the
 * socket, not after this page's main thread, busy loading the app, has seen the socket open. Messages that
 * rode in the URL of a socket that never opened are sent again with the next one.
 */
import type { BridgePort } from '../../contract/bridge';
import { FIRST_MESSAGES_PARAM, type ClientMessage, type ServerMessage } from '../../contract/protocol';

/** The most a socket's URL carries of the messages queued for it (encoded); the rest go once it opens. */
const MAX_CARRIED_CHARS = 4096;

/** `url` with the queued messages in it, and how many of them it carries (all or none). */
function withFirstMessages(url: string, queue: string[]): { url: string; carried: number } {
  const first = encodeURIComponent(`[${queue.join(',')}]`);
  if (!queue.length || first.length > MAX_CARRIED_CHARS) return { url, carried: 0 };
  return { url: `${url}${url.includes('?') ? '&' : '?'}${FIRST_MESSAGES_PARAM}=${first}`, carried: queue.length };
}

export function webSocketPort(url: string): BridgePort {
  const listeners = new Set<(m: ServerMessage) => void>();
  const statusListeners = new Set<(connected: boolean) => void>();
  let queue: string[] = [];
  let socket: WebSocket | undefined;
  let retry = 0;

  const open = () => {
    const first = withFirstMessages(url, queue);
    const ws = new WebSocket(first.url);
    socket = ws;
    ws.onopen = () => {
      const wasRetry = retry > 0;
      retry = 0;
      for (const m of queue.slice(first.carried)) ws.send(m);
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
  queueMicrotask(open);

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
