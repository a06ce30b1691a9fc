import type { ApiImplementation } from '../../contract/api';
import { pipeCollection } from '../common/streams';
import type { Services } from '../services';
import { imageCollection, listImages } from './images';

export function imagesApi({ engine }: Services): ApiImplementation['images'] {
  const live = imageCollection(engine);
  return {
    list: async () => listImages(engine.docker),
    watch: (_input, sink, signal) => pipeCollection(live, sink, signal),
  };
}
