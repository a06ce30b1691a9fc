/**
 * The renderer's client, typed by the contract: `api.containers.start({ id })` returns a promise,
 * `api.containers.watch.subscribe(undefined, { onEvent })` a subscription. It speaks the wire protocol over
 * whichever port it is given (Electron preload or the browser bridge's socket).
 */
import type { api as contract, ApiClient } from '../../contract/api';
import type { Client, ContractDef, StreamHandlers, Subscription } from '../../contract/define';
import { ApiError, type ApiErrorShape } from '../../contract/apiError';
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

export function createClient<C extends ContractDef = typeof contract>(port: BridgePort): Client<C> {
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

  // Every `domain.method` is both callable (a call) and has `subscribe` (a stream); the types say which one
  // a method is, so the client needs no copy of the contract's schemas (nor zod) at run time.
  const methods = new Map<string, unknown>();
  const method = (name: string) => {
    let m = methods.get(name);
    if (!m) {
      const call = (input?: unknown) =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          calls.set(id, { resolve, reject });
          port.send({ type: 'call', id, method: name, input });
        });
      m = Object.assign(call, {
        subscribe(input: unknown, handlers: StreamHandlers<unknown>): Subscription {
          const id = nextId++;
          streams.set(id, { method: name, input, handlers });
          port.send({ type: 'subscribe', id, method: name, input });
          return {
            unsubscribe() {
              if (!streams.delete(id)) return;
              port.send({ type: 'unsubscribe', id });
            },
          };
        },
      });
      methods.set(name, m);
    }
    return m;
  };
  const domains = new Map<string, unknown>();
  const domain = (name: string) => {
    let d = domains.get(name);
    if (!d) {
      d = new Proxy({}, { get: (_t, m) => (typeof m === 'string' ? method(`${name}.${m}`) : undefined) });
      domains.set(name, d);
    }
    return d;
  };
  // Not a thenable: `then` (and symbols) are no domain.
  return new Proxy(
    {},
    { get: (_t, d) => (typeof d === 'string' && d !== 'then' ? domain(d) : undefined) },
  ) as Client<C>;
}

export type { ApiClient };
