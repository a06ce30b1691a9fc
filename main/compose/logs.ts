/**
 * A stack's logs, merged: one follow stream per container (through the engine, so a stack started in a
 * terminal works too), attaching new containers as they start, batched for the wire.
 */
import { PassThrough } from 'node:stream';
import type { LogLine } from '../../contract/compose';
import type { StreamSink } from '../../contract/define';
import lineSplitter from '../common/lineSplitter';
import type { Services } from '../services';
import { LABEL } from './stacks';

interface LogsInput {
  project: string;
  services: string[];
  tail: number;
}

const BATCH_MS = 100;
const MAX_BATCH = 2000;

export async function pipeStackLogs(
  engine: Services['engine'],
  input: LogsInput,
  sink: StreamSink<{ lines: LogLine[] }>,
  signal: AbortSignal,
): Promise<void> {
  const docker = engine.docker;
  const attached = new Map<string, NodeJS.ReadableStream & { destroy?: () => void }>();
  let batch: LogLine[] = [];
  let timer: NodeJS.Timeout | undefined;
  const push = (line: LogLine) => {
    batch.push(line);
    if (batch.length >= MAX_BATCH) flush();
    else timer ??= setTimeout(flush, BATCH_MS);
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!batch.length || signal.aborted) return;
    sink.next({ lines: batch });
    batch = [];
  };
  const wanted = (service: string | undefined) =>
    !!service && (input.services.length === 0 || input.services.includes(service));

  const attach = async (id: string, name: string, service: string, opts: { tail?: number; since?: number }) => {
    if (attached.has(id) || signal.aborted) return;
    const container = docker.getContainer(id);
    const info = await container.inspect().catch(() => undefined);
    if (!info || signal.aborted || attached.has(id)) return;
    const stream = (await container.logs({
      follow: true,
      stdout: true,
      stderr: true,
      ...(opts.tail !== undefined ? { tail: opts.tail } : {}),
      ...(opts.since !== undefined ? { since: opts.since } : {}),
    })) as NodeJS.ReadableStream & { destroy?: () => void };
    if (signal.aborted) return stream.destroy?.();
    attached.set(id, stream);
    const lines = (kind: LogLine['stream']) => {
      const split = lineSplitter();
      split.on('data', (text: string) => push({ service, container: name, stream: kind, text }));
      return split;
    };
    if (info.Config?.Tty) stream.pipe(lines('stdout'));
    else {
      const out = new PassThrough();
      const err = new PassThrough();
      out.pipe(lines('stdout'));
      err.pipe(lines('stderr'));
      docker.modem.demuxStream(stream, out, err);
      stream.on('end', () => (out.end(), err.end()));
    }
    const detach = () => attached.delete(id);
    stream.on('end', detach);
    stream.on('close', detach);
    stream.on('error', detach);
  };

  const off = engine.onEvent((e) => {
    if (e.Type !== 'container' || e.Action !== 'start') return;
    const a = e.Actor.Attributes;
    if (a[LABEL.project] !== input.project || !wanted(a[LABEL.service])) return;
    void attach(e.Actor.ID, a.name ?? e.Actor.ID.slice(0, 12), a[LABEL.service] as string, { since: e.time }).catch(
      () => undefined,
    );
  });
  const stop = () => {
    off();
    clearTimeout(timer);
    for (const s of attached.values()) s.destroy?.();
    attached.clear();
  };
  signal.addEventListener('abort', stop, { once: true });

  const containers = await docker.listContainers({
    all: true,
    filters: { label: [`${LABEL.project}=${input.project}`] },
  });
  await Promise.all(
    containers
      .filter((c) => wanted(c.Labels?.[LABEL.service]))
      .map((c) =>
        attach(c.Id, (c.Names?.[0] ?? c.Id).replace(/^\//, ''), c.Labels?.[LABEL.service] as string, {
          tail: input.tail,
        }).catch(() => undefined),
      ),
  );
  if (signal.aborted) stop();
}
