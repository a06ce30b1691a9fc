/** The `containers.stats` stream: the engine's stats stream, one sample about every second. */
import type Docker from 'dockerode';
import type { StreamSink } from '../../../contract/define';
import type { StatsSample } from '../../../contract/containers';
import split2 from '../../common/lineSplitter';
import { asRawStats, toStatsSample } from './containerStatsMath';

type Destroyable = NodeJS.ReadableStream & { destroy?: () => void };

export async function streamContainerStats(
  docker: Docker,
  id: string,
  sink: StreamSink<StatsSample>,
  signal: AbortSignal,
): Promise<void> {
  const stream = (await docker.getContainer(id).stats({ stream: true })) as Destroyable;
  if (signal.aborted) {
    stream.destroy?.();
    return;
  }
  stream.pipe(split2()).on('data', (line: string) => {
    if (!line.trim()) return;
    try {
      sink.next(toStatsSample(asRawStats(JSON.parse(line))));
    } catch {
      /* a partial line; the next sample comes in a second */
    }
  });
  stream.on('end', () => sink.end());
  stream.on('error', (e: unknown) => sink.fail(e));
  signal.addEventListener('abort', () => stream.destroy?.(), { once: true });
}
