/** Small glue between main's sources and a stream implementation's sink. */
import type { StreamSink } from '../../contract/define';
import type { CollectionEvent } from '../../contract/collection';
import type { LiveList } from './sharedCollection';

/** Streams a live collection until the subscriber goes away. */
export async function pipeCollection<T>(
  collection: LiveList<T>,
  sink: StreamSink<CollectionEvent<T>>,
  signal: AbortSignal,
): Promise<void> {
  const off = await collection.subscribe((event) => sink.next(event));
  if (signal.aborted) off();
  else signal.addEventListener('abort', off, { once: true });
}

/** Registers a listener for as long as the subscriber stays. */
export function untilAborted(signal: AbortSignal, off: () => void): void {
  if (signal.aborted) off();
  else signal.addEventListener('abort', off, { once: true });
}
