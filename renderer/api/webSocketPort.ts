/**
 * The browser bridge's port: the wire protocol over a WebSocket to /api, reconnecting by itself. The socket is
 * made once the code that made the port has run to its end (a microtask later), and the subscriptions sent until
 * then (the first view's lists, main.tsx) ride in its URL: the bridge answers as soon as it accepts the
 * socket, not after this page's main thread, busy loading the app, has seen the socket open. Messages that
 * rode in the URL of a socket that never opened are sent again with the next one.
 */
import { FIRST_MESSAGES_PARAM, type BridgePort } from '../../contract/bridge';
import type { ClientMessage, ServerMessage } from '../../contract/protocol';

/** The most a socket's URL carries of the messages queued for it (encoded); the rest go once it opens. */
const MAX_CARRIED_CHARS = 4096;

/** A message waiting for the socket: its wire text, and whether it is a subscription. */
interface Queued {
  text: string;
  subscribe: boolean;
}

/**
 * `url` with the leading subscriptions of the queue in it, and how many it carries: the first lists, whose
 * inputs name what to show. Calls wait for the open, so that nothing a call carries (a registry password) is
 * ever part of a URL, which browsers and proxies may keep.
 */
function withFirstMessages(url: string, queue: Queued[]): { url: string; carried: number } {
  const leading = queue.findIndex((m) => !m.subscribe);
  const subscriptions = queue.slice(0, leading < 0 ? queue.length : leading);
  const first = encodeURIComponent(`[${subscriptions.map((m) => m.text).join(',')}]`);
  if (!subscriptions.length || first.length > MAX_CARRIED_CHARS) return { url, carried: 0 };
  const carried = subscriptions.length;
  return { url: `${url}${url.includes('?') ? '&' : '?'}${FIRST_MESSAGES_PARAM}=${first}`, carried };
}

export function webSocketPort(url: string): BridgePort {
  const listeners = new Set<(m: ServerMessage) => void>();
  const statusListeners = new Set<(connected: boolean) => void>();
  let queue: Queued[] = [];
  let socket: WebSocket | undefined;
  let retry = 0;

  const open = () => {
    const first = withFirstMessages(url, queue);
    const ws = new WebSocket(first.url);
    socket = ws;
    ws.onopen = () => {
      const wasRetry = retry > 0;
      retry = 0;
      for (const m of queue.slice(first.carried)) ws.send(m.text);
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
      else if (message.type !== 'unsubscribe') queue.push({ text, subscribe: message.type === 'subscribe' });
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
