/**
 * Routes wire messages to the API implementation. One router serves every transport: each Electron
 * window and each browser socket is a connection with its own calls and subscriptions.
 *
 * Every message is checked (its envelope, then its input against the method's schema: invalid input is
 * `invalid_input`) at a small fixed cost per call: a profile of containers.list at 0 containers found an
 * AbortController per call the largest part of the router's own work and zod's parse of the envelope next,
 * so a call's signal is made only when its implementation reads it, and a well-formed envelope is
 * recognised by hand (`wellFormed`), zod deciding and naming what is wrong with any other.
 */
import { z } from 'zod';
import { ApiError, type ApiErrorShape } from '../../contract/errors';
import {
  methodsOf,
  type CallContext,
  type ContractDef,
  type Implementation,
  type MethodDef,
} from '../../contract/define';
import { ClientMessage, type ServerMessage } from '../../contract/protocol';
import { toApiError } from '../common/toApiError';

export interface Connection {
  /** Hands the router one raw message from the peer; never throws. */
  receive(raw: unknown): void;
  /** The peer went away: cancels its calls and subscriptions. */
  close(): void;
}

export interface Router {
  connect(send: (message: ServerMessage) => void): Connection;
}

export interface RouterOptions {
  /**
   * Check every call's result and every stream event against its schema (tests and dev). 'fail' turns a
   * mismatch into an `internal` error naming it — the call rejects, the stream ends — so a test cannot miss
   * it; 'log' only logs it. Off in production.
   */
  validateOutputs?: 'fail' | 'log';
  log?: (message: string) => void;
}

type AnyFn = (...args: unknown[]) => unknown;

/**
 * The envelope of a message the way ClientMessage has it, checked by hand; undefined for anything that is not
 * plainly well-formed (which then goes to ClientMessage.safeParse to decide). It accepts nothing that
 * ClientMessage refuses.
 */
export function wellFormed(raw: unknown): ClientMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  const { id, type } = m;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return undefined;
  if (type === 'unsubscribe') return { type, id };
  if (type !== 'call' && type !== 'subscribe') return undefined;
  const { method } = m;
  if (typeof method !== 'string' || method.length < 1 || method.length > 100) return undefined;
  return { type, id, method, input: m.input };
}

/** A call's cancellation; its AbortController is only made if the implementation reads the signal. */
class CallCancel {
  private controller: AbortController | undefined;
  private cancelled = false;

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.cancelled) this.controller.abort();
    }
    return this.controller.signal;
  }

  abort(): void {
    this.cancelled = true;
    this.controller?.abort();
  }
}

export function createRouter<C extends ContractDef>(
  contract: C,
  impl: Implementation<C>,
  options: RouterOptions = {},
): Router {
  const methods = methodsOf(contract);
  const log = options.log ?? (() => {});
  /** Each method's definition and implementation, found once. */
  const targets = new Map<string, { def: MethodDef; fn: AnyFn } | undefined>();
  const lookup = (name: string): { def: MethodDef; fn: AnyFn } | undefined => {
    if (targets.has(name)) return targets.get(name);
    const def = methods.get(name);
    if (!def) return undefined;
    const [domain, method] = name.split('.') as [string, string];
    const fn = (impl as unknown as Record<string, Record<string, AnyFn>>)[domain]?.[method];
    const target = fn ? { def, fn } : undefined;
    targets.set(name, target);
    return target;
  };

  return {
    connect(send) {
      const open = new Map<number, { abort(): void }>();
      let closed = false;
      const emit = (message: ServerMessage) => {
        if (closed) return;
        try {
          send(message);
        } catch (e) {
          log(`send failed: ${String(e)}`);
        }
      };
      const fail = (id: number, error: ApiErrorShape) => emit({ type: 'result', id, ok: false, error });

      const parseInput = (def: MethodDef, input: unknown): { ok: true; value: unknown } | { ok: false } => {
        const parsed = def.input.safeParse(input);
        if (parsed.success) return { ok: true, value: parsed.data };
        return { ok: false };
      };
      const invalidInput = (def: MethodDef, input: unknown): ApiErrorShape => {
        const parsed = def.input.safeParse(input);
        const issues = parsed.success ? [] : parsed.error.issues;
        return new ApiError(
          'invalid_input',
          parsed.success ? 'Invalid input.' : `Invalid input: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`,
          undefined,
          issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        ).toShape();
      };

      /** The mismatch of a result or an event with its schema, when outputs are checked and it does not match. */
      const mismatch = (method: string, what: string, schema: z.ZodType, value: unknown): ApiError | undefined => {
        if (!options.validateOutputs) return undefined;
        const check = schema.safeParse(value);
        if (check.success) return undefined;
        const text = `${what} of ${method} does not match its schema: ${z.prettifyError(check.error).replace(/\n/g, '; ')}`;
        log(text);
        return options.validateOutputs === 'fail' ? new ApiError('internal', text) : undefined;
      };

      const handleCall = async (id: number, method: string, def: MethodDef, fn: AnyFn, input: unknown) => {
        const cancel = new CallCancel();
        open.set(id, cancel);
        try {
          const value = await fn(input, cancel satisfies CallContext);
          const wrong = def.kind === 'call' ? mismatch(method, 'The result', def.output, value) : undefined;
          if (wrong) fail(id, wrong.toShape());
          else emit({ type: 'result', id, ok: true, value });
        } catch (e) {
          const error = toApiError(e);
          if (error.code === 'internal') log(`call ${id} failed: ${(e as Error)?.stack ?? String(e)}`);
          fail(id, error.toShape());
        } finally {
          open.delete(id);
        }
      };

      const handleSubscribe = (id: number, method: string, def: MethodDef, fn: AnyFn, input: unknown) => {
        const controller = new AbortController();
        open.set(id, controller);
        let ended = false;
        const finish = (error?: ApiErrorShape) => {
          if (ended) return;
          ended = true;
          open.delete(id);
          if (!controller.signal.aborted) emit({ type: 'end', id, error });
          controller.abort();
        };
        const sink = {
          next: (event: unknown) => {
            if (ended || controller.signal.aborted) return;
            const wrong = def.kind === 'stream' ? mismatch(method, 'An event', def.event, event) : undefined;
            if (wrong) finish(wrong.toShape());
            else emit({ type: 'event', id, event });
          },
          fail: (error: unknown) => finish(toApiError(error).toShape()),
          end: () => finish(),
        };
        Promise.resolve()
          .then(() => fn(input, sink, controller.signal))
          .catch((e: unknown) => sink.fail(e));
      };

      return {
        receive(raw) {
          if (closed) return;
          let message = wellFormed(raw);
          if (!message) {
            const parsed = ClientMessage.safeParse(raw);
            if (!parsed.success) {
              const id = (raw as { id?: unknown } | null)?.id;
              const error = new ApiError('invalid_message', `Malformed message: ${z.prettifyError(parsed.error)}`);
              if (typeof id === 'number' && Number.isInteger(id) && id >= 0) fail(id, error.toShape());
              else log(`dropped a malformed message: ${error.message}`);
              return;
            }
            message = parsed.data;
          }
          if (message.type === 'unsubscribe') {
            open.get(message.id)?.abort();
            open.delete(message.id);
            return;
          }
          if (open.has(message.id)) {
            fail(message.id, new ApiError('invalid_message', `Message id ${message.id} is already in use.`).toShape());
            return;
          }
          const target = lookup(message.method);
          const wanted = message.type === 'call' ? 'call' : 'stream';
          if (!target || target.def.kind !== wanted) {
            const error = new ApiError('unknown_method', `No ${wanted} named "${message.method}".`).toShape();
            if (message.type === 'call') fail(message.id, error);
            else emit({ type: 'end', id: message.id, error });
            return;
          }
          const input = parseInput(target.def, message.input);
          if (!input.ok) {
            const error = invalidInput(target.def, message.input);
            if (message.type === 'call') fail(message.id, error);
            else emit({ type: 'end', id: message.id, error });
            return;
          }
          if (message.type === 'call') void handleCall(message.id, message.method, target.def, target.fn, input.value);
          else handleSubscribe(message.id, message.method, target.def, target.fn, input.value);
        },
        close() {
          closed = true;
          for (const controller of open.values()) controller.abort();
          open.clear();
        },
      };
    },
  };
}
