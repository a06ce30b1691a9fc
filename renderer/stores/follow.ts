/**
 * Keeps a store fed by one of main's streams: subscribes, and subscribes again a second after the stream ends
 * (main restarted, the socket dropped), until the returned function is called. The stores' `connect*`
 * functions use it; renderer/stores/connect.ts calls those once, from the entry point.
 */
import type { StreamHandlers, Subscription } from '../../contract/define';

/** A stream of main's API that takes no input, e.g. `client.tasks.watch`. */
export interface InputlessStream<E> {
  subscribe(input: undefined, handlers: StreamHandlers<E>): Subscription;
}

export function follow<E>(stream: InputlessStream<E>, onEvent: (event: E) => void, retryMs = 1000): () => void {
  let subscription: Subscription | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = () => {
    subscription = stream.subscribe(undefined, {
      onEvent,
      onEnd: () => {
        subscription = undefined;
        if (!stopped) timer = setTimeout(open, retryMs);
      },
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(timer);
    subscription?.unsubscribe();
  };
}
