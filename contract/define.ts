/**
 * The building blocks of Berth's one API contract. A contract is a plain object of domains, each a map
 * of methods; a method is either a `call` (one request, one response) or a `stream` (a subscription that
 * pushes events until it ends or is cancelled). Everything else — main's router, the preload bridge, the
 * browser bridge and the renderer's client — is derived from that object and these types.
 */
import type { z } from 'zod';

export interface CallDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'call';
  readonly input: I;
  readonly output: O;
}

export interface StreamDef<I extends z.ZodType = z.ZodType, E extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly input: I;
  readonly event: E;
}

export type MethodDef = CallDef | StreamDef;
export type DomainDef = Readonly<Record<string, MethodDef>>;
export type ContractDef = Readonly<Record<string, DomainDef>>;

export const call = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CallDef<I, O> => ({
  kind: 'call',
  input,
  output,
});

export const stream = <I extends z.ZodType, E extends z.ZodType>(input: I, event: E): StreamDef<I, E> => ({
  kind: 'stream',
  input,
  event,
});

/** What a stream implementation pushes into. */
export interface StreamSink<E> {
  next(event: E): void;
  /** Ends the stream with an error; the subscriber sees it as a rejected end. */
  fail(error: unknown): void;
  /** Ends the stream normally. */
  end(): void;
}

export interface CallContext {
  /** Aborted when the caller goes away (window closed, socket dropped). */
  readonly signal: AbortSignal;
}

type CallImpl<D> =
  D extends CallDef<infer I, infer O> ? (input: z.output<I>, ctx: CallContext) => Promise<z.input<O>> : never;
type StreamImpl<D> =
  D extends StreamDef<infer I, infer E>
    ? (input: z.output<I>, sink: StreamSink<z.input<E>>, signal: AbortSignal) => void | Promise<void>
    : never;

/** What main implements for a contract: one function per method, typed from the schemas. */
export type Implementation<C extends ContractDef> = {
  [D in keyof C]: { [M in keyof C[D]]: C[D][M] extends CallDef ? CallImpl<C[D][M]> : StreamImpl<C[D][M]> };
};

export interface Subscription {
  unsubscribe(): void;
}

export interface StreamHandlers<E> {
  onEvent(event: E): void;
  /** Called once when the stream ends; with an error when it failed. */
  onEnd?(error?: import('./errors').ApiErrorShape): void;
}

type ClientCall<D> =
  D extends CallDef<infer I, infer O>
    ? undefined extends z.input<I>
      ? (input?: z.input<I>) => Promise<z.output<O>>
      : (input: z.input<I>) => Promise<z.output<O>>
    : never;
type ClientStream<D> =
  D extends StreamDef<infer I, infer E>
    ? { subscribe(input: z.input<I>, handlers: StreamHandlers<z.output<E>>): Subscription }
    : never;

/** What the renderer calls: the same shape as the contract, promises for calls, subscribe for streams. */
export type Client<C extends ContractDef> = {
  [D in keyof C]: { [M in keyof C[D]]: C[D][M] extends CallDef ? ClientCall<C[D][M]> : ClientStream<C[D][M]> };
};

export type InputOf<D> = D extends MethodDef ? z.input<D['input']> : never;
export type OutputOf<D> = D extends CallDef<z.ZodType, infer O> ? z.output<O> : never;
export type EventOf<D> = D extends StreamDef<z.ZodType, infer E> ? z.output<E> : never;

/** Every method of a contract as `domain.method`. */
export function methodsOf(contract: ContractDef): Map<string, MethodDef> {
  const out = new Map<string, MethodDef>();
  for (const [domain, methods] of Object.entries(contract)) {
    for (const [name, def] of Object.entries(methods)) out.set(`${domain}.${name}`, def);
  }
  return out;
}
