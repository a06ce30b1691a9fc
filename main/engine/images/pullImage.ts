/** The pull task: per-layer steps, an overall fraction, saved credentials, and a cancel that stops the pull. */
import type Docker from 'dockerode';
import type { TaskManager } from '../../tasks/taskManager';
import { parseReference, registryLabel } from './imageReference';
import { LayerProgress, type ProgressMessage } from './layerProgress';
import { followJsonStream } from './jsonMessageStream';
import { registryError } from './registryErrors';
import { resolveAuth } from './registryAuth';
import { reportProgress } from './reportLayerProgress';
import { asNoSpace } from '../noSpace';

export interface PullResult {
  reference: string;
  id: string;
  digest?: string;
}

/** Validates `reference` (throws invalid_input at once) and starts the pull task; returns its id. */
export function startPull(docker: Docker, tasks: TaskManager, reference: string): string {
  const ref = parseReference(reference);
  return tasks.start({ kind: 'image.pull', title: `Pull ${ref.full}` }, async (task) => {
    task.progress({ message: `Connecting to ${registryLabel(ref)}…` });
    const auth = await resolveAuth(ref.domain);
    task.log(`Pulling ${ref.full} from ${registryLabel(ref)}${auth ? ' with saved credentials' : ''}`);
    const progress = new LayerProgress('pull');
    try {
      const stream = (await docker.createImage(auth ?? {}, {
        fromImage: ref.full,
        abortSignal: task.signal,
      })) as NodeJS.ReadableStream;
      await followJsonStream<ProgressMessage>(stream, task.signal, reportProgress(task, progress, ref.full));
    } catch (e) {
      throw asNoSpace(registryError('pull', ref, e), `the pull of ${ref.full}`);
    }
    const image = await docker.getImage(ref.full).inspect();
    for (const step of progress.finish()) task.step(step);
    task.progress({ fraction: 1, message: `Pulled ${ref.full}` });
    const result: PullResult = { reference: ref.full, id: image.Id };
    if (progress.digest) result.digest = progress.digest;
    return result;
  });
}
