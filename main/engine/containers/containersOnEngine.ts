/**
 * The live containers list of one connected engine, named by its docker context: the engine in use (the
 * shared list every view uses) or one kept connected beside it (its own list in the engine pool). A name
 * that is neither is not_found; when the engine stops being connected under that name (let go, or no longer
 * the one in use), the stream ends with not_found too, so the subscriber asks again under the new names.
 */
import type { CollectionEvent } from '../../../contract/collection';
import type { ContainerSummary } from '../../../contract/containers';
import type { StreamSink } from '../../../contract/define';
import { ApiError } from '../../../contract/errors';
import { pipeCollection, untilAborted } from '../../common/streams';
import type { Services } from '../../services';
import { contextOf } from '../endpoint';

const notConnected = (context: string) =>
  new ApiError(
    'not_found',
    `No connected engine named ${context}.`,
    'Keep its docker context connected from the engine picker (status bar), or pick one of the connected engines.',
  );

export async function watchOnEngine(
  { engine, collections, enginePool }: Pick<Services, 'engine' | 'collections' | 'enginePool'>,
  context: string,
  sink: StreamSink<CollectionEvent<ContainerSummary>>,
  signal: AbortSignal,
): Promise<void> {
  const inUse = contextOf(engine.endpoint) === context;
  const kept = inUse ? undefined : enginePool.get(context);
  if (!inUse && !kept) throw notConnected(context);
  const stillThere = () => (inUse ? contextOf(engine.endpoint) === context : enginePool.get(context) === kept);
  const gone = new AbortController();
  const leave = () => {
    if (stillThere() || gone.signal.aborted) return;
    gone.abort();
    sink.fail(notConnected(context));
  };
  untilAborted(signal, () => gone.abort());
  untilAborted(gone.signal, inUse ? engine.onState(leave) : enginePool.onChange(leave));
  await pipeCollection(kept ? kept.containers : collections.containers, sink, gone.signal);
}
