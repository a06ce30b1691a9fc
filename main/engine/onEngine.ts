/**
 * What a call about one connected engine, named by its docker context (contract OnEngine), is served from:
 * the engine in use (the shared lists every view uses, and its client) or one kept connected beside it (its
 * own lists and client in the engine pool). A name that is neither is not_found. A live list ends with
 * not_found too when the engine stops being connected under that name (let go, or no longer the one in
 * use), so the subscriber asks again under the new names. Every domain's `watchOn` and the container
 * actions' `context` come through here, so each list and action is written once, for any engine.
 */
import type Docker from 'dockerode';
import type { CollectionEvent } from '../../contract/collection';
import type { StreamSink } from '../../contract/define';
import { ApiError } from '../../contract/errors';
import { pipeCollection, untilAborted } from '../common/streams';
import type { Services } from '../services';
import type { EngineItems, EngineLists } from './engineCollections';
import { contextOf } from './endpoint';

type Connected = Pick<Services, 'engine' | 'collections' | 'enginePool'>;

const notConnected = (context: string) =>
  new ApiError(
    'not_found',
    `No connected engine named ${context}.`,
    'Keep its docker context connected from the engine picker (status bar), or pick one of the connected engines.',
  );

/**
 * One kind of live list (containers, images, volumes, networks) of the engine `context` names, each item as
 * `sent` makes it (containers: their summaries, not what main alone reads of them).
 */
export async function watchOnEngine<K extends keyof EngineItems, U>(
  { engine, collections, enginePool }: Connected,
  kind: K,
  context: string,
  sink: StreamSink<CollectionEvent<U>>,
  signal: AbortSignal,
  sent: (item: EngineItems[K]) => U,
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
  const lists: EngineLists = kept ? kept.lists : collections;
  await pipeCollection(lists[kind], sink, gone.signal, sent);
}

/** The engine API client of the engine `context` names; the engine in use's when there is no name. */
export function dockerOn({ engine, enginePool }: Pick<Services, 'engine' | 'enginePool'>, context?: string): Docker {
  if (context === undefined || contextOf(engine.endpoint) === context) return engine.docker;
  const kept = enginePool.get(context);
  if (!kept) throw notConnected(context);
  return kept.docker;
}
