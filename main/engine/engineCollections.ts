/**
 * Every live list of an engine, in one place: one list per kind of object, created once per connection (the
 * engine in use's with the backend, a kept engine's when it is kept) and handed to whoever shows it (the
 * containers and compose domains share the containers list, so each container event is fetched once; images,
 * volumes and networks take their users from it). A list listens to the engine while it has subscribers, and
 * for 30 s after the last one leaves while the engine is connected (liveCollection.ts), unless its engine is
 * let go.
 */
import type { ListedContainer } from '../common/listedContainer';
import type { ImageSummary } from '../../contract/images';
import type { NetworkSummary } from '../../contract/networks';
import type { VolumeSummary } from '../../contract/volumes';
import type { EngineConnection } from './connection';
import { containerCollection } from './containers/containerList';
import { imageCollection } from './images/imageList';
import type { LiveList } from '../common/sharedCollection';
import type { LiveCollection } from './liveCollection';
import { networkCollection } from './networks/networkList';
import { volumeCollection } from './volumes/volumeList';

/** The kinds of object an engine lists live, and what each list holds. */
export interface EngineItems {
  containers: ListedContainer;
  images: ImageSummary;
  volumes: VolumeSummary;
  networks: NetworkSummary;
}

/** The lists as their subscribers see them (what a fake in a unit test provides). */
export type EngineLists = { readonly [K in keyof EngineItems]: LiveList<EngineItems[K]> };

export interface EngineCollections extends EngineLists {
  readonly containers: LiveCollection<ListedContainer>;
  /** Their users come from the containers' list. */
  readonly images: LiveList<ImageSummary>;
  readonly volumes: LiveList<VolumeSummary>;
  readonly networks: LiveList<NetworkSummary>;
}

export function engineCollections(engine: EngineConnection): EngineCollections {
  const containers = containerCollection(engine);
  return {
    containers,
    images: imageCollection(engine, containers),
    volumes: volumeCollection(engine, containers),
    networks: networkCollection(engine, containers),
  };
}
