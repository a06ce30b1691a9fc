/** Small glue between main's sources and a stream implementation's sink. */
import type { StreamSink } from '../../contract/define';
import type { CollectionEvent } from '../../contract/collection';
import type { LiveList } from './sharedCollection';

/** Streams a live collection until the subscriber goes away. */
export async function pipeCollection<T>(
  collection: LiveList<T>,
  sink: StreamSink<CollectionEvent<T>>,
  signal: AbortSignal,
): Promise<void>;
/** Streams a live collection until the subscriber goes away, each item as `sent` makes it (what the UI is sent of it). */
export async function pipeCollection<T, U>(
  collection: LiveList<T>,
  sink: StreamSink<CollectionEvent<U>>,
  signal: AbortSignal,
  sent: (item: T) => U,
): Promise<void>;
export async function pipeCollection<T, U>(
  collection: LiveList<T>,
  sink: StreamSink<CollectionEvent<T | U>>,
  signal: AbortSignal,
  sent?: (item: T) => U,
): Promise<void> {
  const off = await collection.subscribe((event) =>
    sink.next(!sent || event.type === 'remove' ? event : { type: event.type, items: event.items.map(sent) }),
  );
  if (signal.aborted) off();
  else signal.addEventListener('abort', off, { once: true });
}

/** Registers a listener for as long as the subscriber stays. */
export function untilAborted(signal: AbortSignal, off: () => void): void {
  if (signal.aborted) off();
  else signal.addEventListener('abort', off, { once: true });
}
