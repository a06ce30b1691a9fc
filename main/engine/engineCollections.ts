/**
 * Every live list of the engine, in one place: one LiveCollection per kind of object, created once with the
 * backend and handed to whoever shows it (the containers and compose domains share the containers list, so
 * each container event is fetched once). A collection only listens to the engine while it has subscribers.
 */
import type { ContainerSummary } from '../../contract/containers';
import type { ImageSummary } from '../../contract/images';
import type { NetworkSummary } from '../../contract/networks';
import type { VolumeSummary } from '../../contract/volumes';
import type { EngineConnection } from './connection';
import { containerCollection } from './containers/containerList';
import { imageCollection } from './images/imageList';
import type { LiveCollection } from './liveCollection';
import { networkCollection } from './networks/networkList';
import { volumeCollection } from './volumes/volumeList';

export interface EngineCollections {
  readonly containers: LiveCollection<ContainerSummary>;
  readonly images: LiveCollection<ImageSummary>;
  readonly volumes: LiveCollection<VolumeSummary>;
  readonly networks: LiveCollection<NetworkSummary>;
}

export function engineCollections(engine: EngineConnection): EngineCollections {
  return {
    containers: containerCollection(engine),
    images: imageCollection(engine),
    volumes: volumeCollection(engine),
    networks: networkCollection(engine),
  };
}
