/**
 * Makes every call to the engine end, whatever the engine or the link to it does. Two faults would otherwise
 * hold a call (and the view waiting on it) forever:
 * - an answer cut in the middle of its body: docker-modem waits for the body's end and never hears of its
 *   abort, so `failCutAnswers` turns the abort into an error of the request;
 * - an engine that accepts the connection and never answers (a hung dockerd, a stalled link): a fixed
 *   deadline would also cut a prune or a stop that rightly takes minutes, so `watchCalls` asks the engine for
 *   a ping, on a connection of its own, once a call has waited SLOW_CALL_MS. An engine that answers is busy
 *   and the call waits on; one that does not answer within PING_MS has stalled: the call fails with
 *   engine_unreachable. (A stream's call is watched until its headers come; the stream then runs freely.)
 */
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import { ApiError } from '../../../contract/errors';
import { cutAnswer } from '../../common/toApiError';

export const SLOW_CALL_MS = 10_000;
export const PING_MS = 10_000;

/** Node hands each request of an agent to `addRequest` (stable, but not in @types/node). */
interface AgentInternals {
  addRequest(req: ClientRequest, options: unknown): void;
}

/** Makes a response that closes before its end an error of its request (docker-modem hears of that one). */
export function failCutAnswers<A extends Agent>(agent: A): A {
  const own = agent as unknown as AgentInternals;
  const add = own.addRequest.bind(agent);
  own.addRequest = (req, options) => {
    req.once('response', (res: IncomingMessage) => {
      res.once('close', () => {
        if (res.complete) return;
        req.emit('error', cutAnswer());
      });
    });
    add(req, options);
  };
  return agent;
}

type Modem = Docker['modem'];
type DialOptions = { abortSignal?: AbortSignal; [key: string]: unknown };
type Callback = (error: unknown, result?: unknown) => void;
type Dial = (options: DialOptions, callback: Callback) => void;

export interface WatchOptions {
  /** The endpoint, for the message. */
  url: string;
  /** The engine has stalled (told once per stalled ping). */
  onStalled(error: ApiError): void;
  slowMs?: number;
  pingMs?: number;
}

/** Wraps the modem's `dial` so a call that waits long gets the engine pinged, and fails if the engine has stalled. */
export function watchCalls(modem: Modem, options: WatchOptions): void {
  const target = modem as unknown as { dial: Dial };
  const dial = target.dial.bind(modem);
  const slowMs = options.slowMs ?? SLOW_CALL_MS;
  const pingMs = options.pingMs ?? PING_MS;
  let probing: Promise<ApiError | undefined> | undefined;

  /** Pings on the raw dial; resolves with the error when the engine does not answer in time. */
  const probe = () =>
    (probing ??= new Promise<ApiError | undefined>((resolve) => {
      const controller = new AbortController();
      const timer = setTimeout(() => {
        controller.abort();
        const error = new ApiError(
          'engine_unreachable',
          `The Docker engine at ${options.url} stopped answering (not even a ping within ${Math.round(pingMs / 1000)} s).`,
          'Check the engine (restart Docker if it hangs) and the link to it; Berth reconnects by itself once it answers.',
        );
        options.onStalled(error);
        resolve(error);
      }, pingMs);
      dial(
        { path: '/_ping', method: 'GET', statusCodes: { 200: true }, abortSignal: controller.signal },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          clearTimeout(timer);
          // Any answer, even an error status, says the engine is alive; a refused socket is the call's own to report.
          resolve(undefined);
          void error;
        },
      );
    }).finally(() => (probing = undefined)));

  target.dial = (dialOptions, callback) => {
    const controller = new AbortController();
    const own = dialOptions.abortSignal;
    let done = false;
    const finish: Callback = (error, result) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback(error, result);
    };
    const watch = () => {
      void probe().then((stalled) => {
        if (done) return;
        if (!stalled) {
          timer = setTimeout(watch, slowMs);
          return;
        }
        finish(stalled);
        controller.abort();
      });
    };
    let timer: NodeJS.Timeout | undefined = setTimeout(watch, slowMs);
    dial({ ...dialOptions, abortSignal: own ? AbortSignal.any([own, controller.signal]) : controller.signal }, finish);
  };
}
