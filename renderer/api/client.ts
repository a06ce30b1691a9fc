/**
 * The renderer's typed client, derived from the contract: `api.containers.start({ id })` returns a promise,
 * `api.containers.watch.subscribe(undefined, { onEvent })` a subscription. It speaks the wire protocol over
 * whichever port it is given (Electron preload or the browser bridge's socket).
 */
import { api as contract, type ApiClient } from '../../contract/api';
import type { ContractDef, StreamHandlers, Subscription } from '../../contract/define';
import { ApiError, type ApiErrorShape } from '../../contract/errors';
import type { ServerMessage } from '../../contract/protocol';
import type { BridgePort } from '../../contract/bridge';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: ApiError): void;
}
interface OpenStream {
  method: string;
  input: unknown;
  handlers: StreamHandlers<unknown>;
}

export function createClient<C extends ContractDef = typeof contract>(
  port: BridgePort,
  definition: C = contract as unknown as C,
): import('../../contract/define').Client<C> {
  let nextId = 1;
  const calls = new Map<number, PendingCall>();
  const streams = new Map<number, OpenStream>();

  port.onMessage((message: ServerMessage) => {
    switch (message.type) {
      case 'result': {
        const pending = calls.get(message.id);
        if (!pending) return;
        calls.delete(message.id);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(ApiError.from(message.error));
        return;
      }
      case 'event':
        streams.get(message.id)?.handlers.onEvent(message.event);
        return;
      case 'end': {
        const s = streams.get(message.id);
        streams.delete(message.id);
        s?.handlers.onEnd?.(message.error);
        return;
      }
    }
  });

  port.onStatus?.((connected) => {
    if (connected) {
      // The socket came back: resume every open stream where main will send a fresh snapshot.
      for (const [id, s] of streams) port.send({ type: 'subscribe', id, method: s.method, input: s.input });
      return;
    }
    const error: ApiErrorShape = {
      code: 'connection_lost',
      message: 'Lost the connection to Berth.',
      hint: 'Berth reconnects by itself; try again in a moment.',
    };
    for (const [id, pending] of calls) {
      calls.delete(id);
      pending.reject(ApiError.from(error));
    }
  });

  const out: Record<string, Record<string, unknown>> = {};
  for (const [domain, methods] of Object.entries(definition)) {
    const d: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(methods)) {
      const method = `${domain}.${name}`;
      if (def.kind === 'call') {
        d[name] = (input?: unknown) =>
          new Promise((resolve, reject) => {
            const id = nextId++;
            calls.set(id, { resolve, reject });
            port.send({ type: 'call', id, method, input });
          });
      } else {
        d[name] = {
          subscribe(input: unknown, handlers: StreamHandlers<unknown>): Subscription {
            const id = nextId++;
            streams.set(id, { method, input, handlers });
            port.send({ type: 'subscribe', id, method, input });
            return {
              unsubscribe() {
                if (!streams.delete(id)) return;
                port.send({ type: 'unsubscribe', id });
              },
            };
          },
        };
      }
    }
    out[domain] = d;
  }
  return out as unknown as import('../../contract/define').Client<C>;
}

export type { ApiClient };
