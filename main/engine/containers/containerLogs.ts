/** The `containers.logs` stream: a container's log, demultiplexed into lines, batched and bounded. */
import type Docker from 'dockerode';
import type { StreamSink } from '../../../contract/define';
import type { LogLine, LogsEvent } from '../../../contract/containers';
import { LogDemuxer } from './containerLogDemux';
import { toLogLine } from '../../common/logLine';
import { LogBatcher } from '../../common/logBatcher';

export interface LogsRequest {
  id: string;
  follow: boolean;
  tail: number | 'all';
  timestamps: boolean;
  filter?: string;
}

type Destroyable = NodeJS.ReadableStream & { destroy?: () => void };

export async function streamContainerLogs(
  docker: Docker,
  request: LogsRequest,
  sink: StreamSink<LogsEvent>,
  signal: AbortSignal,
): Promise<void> {
  const container = docker.getContainer(request.id);
  const info = await container.inspect();
  if (signal.aborted) return;
  const demux = new LogDemuxer(!info.Config.Tty);
  const batcher = new LogBatcher((event) => sink.next(event));
  const needle = request.filter?.trim().toLowerCase();
  const accept = (lines: Array<{ stream: LogLine['stream']; raw: string }>) => {
    const out: LogLine[] = [];
    for (const l of lines) {
      const line = toLogLine(l.stream, l.raw, request.timestamps);
      if (!needle || line.text.toLowerCase().includes(needle)) out.push(line);
    }
    batcher.add(out);
  };
  const finish = () => {
    accept(demux.end());
    batcher.flush();
    sink.end();
  };
  const options = {
    stdout: true,
    stderr: true,
    timestamps: request.timestamps,
    tail: request.tail === 'all' ? 'all' : request.tail,
  } as Docker.ContainerLogsOptions;

  if (!request.follow) {
    const buffer = await container.logs({ ...options, follow: false });
    if (signal.aborted) return;
    accept(demux.push(Buffer.isBuffer(buffer) ? buffer : Buffer.from(String(buffer))));
    finish();
    return;
  }

  const stream = (await container.logs({ ...options, follow: true })) as Destroyable;
  if (signal.aborted) {
    stream.destroy?.();
    return;
  }
  stream.on('data', (chunk: Buffer | string) =>
    accept(demux.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))),
  );
  stream.on('end', finish);
  stream.on('error', (e: unknown) => {
    batcher.dispose();
    sink.fail(e);
  });
  signal.addEventListener(
    'abort',
    () => {
      batcher.dispose();
      stream.destroy?.();
    },
    { once: true },
  );
}
