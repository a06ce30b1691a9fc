/** Reads the engine's newline-delimited JSON progress streams (pull, push, build) until they end. */
import split2 from '../../common/lineSplitter';
import { ApiError } from '../../../contract/errors';
import { ENGINE_HINT } from '../../common/toApiError';

/** An `{"error": …}` line: the engine's own account of why the operation failed. */
export class StreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StreamError';
  }
}

/**
 * Feeds each JSON line to `onMessage`; resolves when the stream ends, rejects on the first error line (or
 * when `onMessage` throws). Aborting `signal` destroys the stream, which makes the engine stop the work.
 */
export function followJsonStream<M extends { error?: string; errorDetail?: { message?: string } }>(
  stream: NodeJS.ReadableStream,
  signal: AbortSignal,
  onMessage: (message: M) => void,
): Promise<void> {
  const readable = stream as NodeJS.ReadableStream & { destroy?(error?: Error): void };
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => {
      readable.destroy?.();
      finish(Object.assign(new Error('Cancelled.'), { name: 'AbortError' }));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const lines = readable.pipe(split2());
    lines.on('data', (line: string) => {
      if (settled || !line.trim()) return;
      let message: M;
      try {
        message = JSON.parse(line) as M;
      } catch {
        return; // a foreign line; keep reading
      }
      try {
        if (message.error || message.errorDetail?.message) {
          throw new StreamError(message.errorDetail?.message || message.error || 'The engine reported an error.');
        }
        onMessage(message);
      } catch (e) {
        readable.destroy?.();
        finish(e);
      }
    });
    lines.on('end', () => finish());
    // The response itself failing (not an error line) means the connection to the engine was cut: it stopped
    // or went away in the middle of the work.
    readable.on('error', (e: Error) => finish(signal.aborted ? undefined : engineCut(e)));
    readable.on('close', () => setImmediate(() => finish()));
  });
}

const engineCut = (e: Error) =>
  new ApiError(
    'engine_unreachable',
    `The connection to the Docker engine broke before it finished (${e.message}).`,
    ENGINE_HINT,
  );
