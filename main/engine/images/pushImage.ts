/** The push task: per-layer upload steps, an overall fraction, saved credentials, cancellable. */
import type Docker from 'dockerode';
import { ApiError } from '../../../contract/errors';
import type { TaskManager } from '../../tasks/taskManager';
import { toApiError } from '../../common/toApiError';
import { parseReference, registryLabel } from './imageReference';
import { LayerProgress, type ProgressMessage } from './layerProgress';
import { followJsonStream } from './jsonMessageStream';
import { registryError } from './registryErrors';
import { resolveAuth } from './registryAuth';
import { reportProgress } from './reportLayerProgress';

/** Checks the reference and that the image exists locally (both throw at once), then starts the push task. */
export async function startPush(docker: Docker, tasks: TaskManager, reference: string): Promise<string> {
  const ref = parseReference(reference);
  if (ref.digest)
    throw new ApiError('invalid_input', 'Push a tag, not a digest.', `Tag the image first, e.g. ${ref.repository}:v1.`);
  const full = ref.full;
  await docker
    .getImage(full)
    .inspect()
    .catch((e: unknown) => {
      const err = toApiError(e);
      throw err.code === 'not_found'
        ? new ApiError('not_found', `There is no local image ${full} to push.`, 'Tag an image with this name first.')
        : err;
    });
  return tasks.start({ kind: 'image.push', title: `Push ${full}` }, async (task) => {
    task.progress({ message: `Connecting to ${registryLabel(ref)}…` });
    const auth = await resolveAuth(ref.domain);
    task.log(`Pushing ${full} to ${registryLabel(ref)}${auth ? ' with saved credentials' : ''}`);
    const progress = new LayerProgress('push');
    try {
      const stream = (await docker.getImage(ref.repository).push({
        tag: ref.tag ?? 'latest',
        // The engine wants the header even for anonymous pushes.
        authconfig: auth ?? {},
        abortSignal: task.signal,
      })) as NodeJS.ReadableStream;
      await followJsonStream<ProgressMessage>(stream, task.signal, reportProgress(task, progress, full));
    } catch (e) {
      throw registryError('push', ref, e);
    }
    for (const step of progress.finish()) task.step(step);
    task.progress({ fraction: 1, message: `Pushed ${full}` });
    return { reference: full, digest: progress.digest ?? null };
  });
}
