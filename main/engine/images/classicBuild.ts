/**
 * A build with the engine's classic builder (POST /build): sends the context (honouring .dockerignore),
 * streams the output into the task log, reports "Step N/M" as steps (running, cached when the engine says
 * "Using cache", done, failed or cancelled, with their times) and progress, and turns a failing step into
 * the task error with the Dockerfile line it came from (details: BuildFailure).
 */
import type Docker from 'dockerode';
import { ApiError } from '../../../contract/errors';
import type { TaskStep } from '../../../contract/tasks';
import type { TaskHandle } from '../../tasks/taskManager';
import { toApiError } from '../../common/toApiError';
import { stripAnsi } from '../../common/ansi';
import { contextEntries, packContext } from './buildContext';
import { buildFailure } from './buildDockerfile';
import { buildRegistryConfig } from './buildAuth';
import type { BuildJob, BuildResult } from './buildJob';
import { followJsonStream, StreamError } from './jsonMessageStream';

interface BuildMessage {
  stream?: string;
  status?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const USING_CACHE = /^\s*---> Using cache$/;
const OUTPUT_LINES = 20;
/** The builder's own lines between a step's output: ` ---> abc123`, `Removing intermediate container …`. */
const NOT_OUTPUT = /^\s*--->|^Removing intermediate container |^\s*$/;

export async function runClassicBuild(docker: Docker, task: TaskHandle, job: BuildJob): Promise<BuildResult> {
  const { input, context, dockerfileText, tags } = job;
  task.progress({ message: 'Sending the build context…' });
  const entries = await contextEntries(context, input.dockerfile);
  task.log(`Build context ${context}: ${entries.filter((e) => e.type !== 'directory').length} files`);
  let current: TaskStep | undefined;
  let step: number | null = null;
  let instruction: string | null = null;
  let imageId: string | undefined;
  let partial = '';
  /** The current step's own output (last lines), shown with a failure. */
  let stepOutput: string[] = [];
  const end = (status: string) => {
    if (!current) return;
    current = { ...current, status, fraction: status === 'done' || status === 'cached' ? 1 : null };
    current.endedAt = Date.now();
    task.step(current);
  };
  const onLine = (line: string) => {
    task.log(line);
    if (USING_CACHE.test(line) && current) {
      current = { ...current, status: 'cached' };
      task.step(current);
      return;
    }
    const m = STEP.exec(line);
    if (!m) {
      const own = stripAnsi(line);
      if (!NOT_OUTPUT.test(own)) stepOutput = [...stepOutput.slice(-(OUTPUT_LINES - 1)), own];
      return;
    }
    stepOutput = [];
    if (current) end(current.status === 'cached' ? 'cached' : 'done');
    step = Number(m[1]);
    instruction = m[3] ?? null;
    const total = Number(m[2]);
    current = {
      id: `step-${step}`,
      label: `${step}. ${instruction}`,
      status: 'running',
      fraction: null,
      startedAt: Date.now(),
    };
    task.step(current);
    task.progress({ fraction: (step - 1) / total, message: `Step ${step}/${total}: ${instruction}` });
  };
  try {
    const tar = packContext(context, entries) as unknown as NodeJS.ReadableStream;
    const registryconfig = await buildRegistryConfig(dockerfileText);
    const options = {
      dockerfile: input.dockerfile,
      t: tags,
      buildargs: input.buildArgs,
      labels: input.labels,
      nocache: input.noCache,
      pull: input.pull,
      rm: true,
      forcerm: true,
      ...(input.target ? { target: input.target } : {}),
      ...(registryconfig ? { registryconfig } : {}),
      abortSignal: task.signal,
    };
    // Several `t` values tag the result several times; the typings only know one.
    const stream = (await docker.buildImage(
      tar,
      options as unknown as Docker.ImageBuildOptions,
    )) as unknown as NodeJS.ReadableStream;
    await followJsonStream<BuildMessage>(stream, task.signal, (m) => {
      if (m.aux?.ID) imageId = m.aux.ID;
      const text = m.stream ?? (m.status ? `${m.status}\n` : '');
      if (!text) return;
      const lines = (partial + text).split(/\r?\n/);
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) onLine(line);
    });
    if (partial.trim()) onLine(partial);
  } catch (e) {
    if (partial.trim()) onLine(partial);
    end(task.signal.aborted ? 'cancelled' : 'failed');
    if (!(e instanceof StreamError)) throw toApiError(e);
    task.log(`ERROR: ${e.message}`);
    const where = step !== null ? `Step ${step} (${instruction}) failed` : 'The build failed';
    throw new ApiError(
      'failed',
      `${where}: ${e.message}`,
      'Fix the highlighted Dockerfile line, or the files it uses, and build again.',
      buildFailure(input.dockerfile, dockerfileText, step, instruction, { output: stepOutput }),
    );
  }
  if (current) end(current.status === 'cached' ? 'cached' : 'done');
  const id = imageId ?? (tags[0] ? (await docker.getImage(tags[0]).inspect()).Id : undefined);
  return { id: id ?? null, tags };
}
