/**
 * Every live list of the engine, in one place: one LiveCollection per kind of object, created once with the
 * backend and handed to whoever shows it (the containers and compose domains share the containers list, so
 * each container event is fetched once; volumes and networks take their users from it). A collection only listens to the engine while it has subscribers.
 */
import type { ContainerSummary } from '../../contract/containers';
import type { ImageSummary } from '../../contract/images';
import type { NetworkSummary } from '../../contract/networks';
import type { VolumeSummary } from '../../contract/volumes';
import type { EngineConnection } from './connection';
import { containerCollection } from './containers/containerList';
import { imageCollection } from './images/imageList';
import type { LiveCollection } from './liveCollection';
import type { LiveList } from '../common/sharedCollection';
import { networkCollection } from './networks/networkList';
import { volumeCollection } from './volumes/volumeList';

export interface EngineCollections {
  readonly containers: LiveCollection<ContainerSummary>;
  readonly images: LiveCollection<ImageSummary>;
  /** Their users come from the containers' list. */
  readonly volumes: LiveList<VolumeSummary>;
  readonly networks: LiveList<NetworkSummary>;
}

export function engineCollections(engine: EngineConnection): EngineCollections {
  const containers = containerCollection(engine);
  return {
    containers,
    images: imageCollection(engine),
    volumes: volumeCollection(engine, containers),
    networks: networkCollection(engine, containers),
  };
}
