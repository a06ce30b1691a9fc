/**
 * The build task: checks the folder and Dockerfile, sends the context (honouring .dockerignore), streams the
 * build output into the task log, reports "Step N/M" as steps and progress, and turns a failing step into
 * the task error with the Dockerfile line it came from (details: BuildFailure).
 */
import type Docker from 'dockerode';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative } from 'node:path';
import { ApiError } from '../../../contract/errors';
import type { BuildInput } from '../../../contract/images';
import type { TaskManager } from '../../tasks/taskManager';
import { toApiError } from '../../common/toApiError';
import { contextEntries, packContext } from './buildContext';
import { buildFailure } from './buildDockerfile';
import { buildRegistryConfig } from './buildAuth';
import { parseReference } from './imageReference';
import { followJsonStream, StreamError } from './jsonMessageStream';

type Input = Required<Omit<BuildInput, 'target'>> & { target?: string };

interface BuildMessage {
  stream?: string;
  status?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;

/** Validates the input (throws invalid_input at once) and starts the build task. */
export async function startBuild(docker: Docker, tasks: TaskManager, input: Input): Promise<string> {
  const { context, dockerfileText } = await checkInput(input);
  const tags = input.tags.map((t) => parseReference(t).full);
  const title = `Build ${tags[0] ?? context}`;
  return tasks.start({ kind: 'image.build', title }, async (task) => {
    task.progress({ message: 'Sending the build context…' });
    const entries = await contextEntries(context, input.dockerfile);
    task.log(`Build context ${context}: ${entries.filter((e) => e.type !== 'directory').length} files`);
    let step: number | null = null;
    let instruction: string | null = null;
    let imageId: string | undefined;
    let partial = '';
    const onLine = (line: string) => {
      task.log(line);
      const m = STEP.exec(line);
      if (!m) return;
      if (step !== null)
        task.step({ id: `step-${step}`, label: `${step}. ${instruction}`, status: 'done', fraction: 1 });
      step = Number(m[1]);
      instruction = m[3] ?? null;
      const total = Number(m[2]);
      task.step({ id: `step-${step}`, label: `${step}. ${instruction}`, status: 'running', fraction: null });
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
      if (step !== null) {
        const status = task.signal.aborted ? 'cancelled' : 'failed';
        task.step({ id: `step-${step}`, label: `${step}. ${instruction}`, status, fraction: null });
      }
      if (!(e instanceof StreamError)) throw toApiError(e);
      task.log(`ERROR: ${e.message}`);
      const where = step !== null ? `Step ${step} (${instruction}) failed` : 'The build failed';
      throw new ApiError(
        'failed',
        `${where}: ${e.message}`,
        'Fix the highlighted Dockerfile line, or the files it uses, and build again.',
        buildFailure(input.dockerfile, dockerfileText, step, instruction),
      );
    }
    if (step !== null) task.step({ id: `step-${step}`, label: `${step}. ${instruction}`, status: 'done', fraction: 1 });
    const id = imageId ?? (tags[0] ? (await docker.getImage(tags[0]).inspect()).Id : undefined);
    task.progress({ fraction: 1, message: tags.length ? `Built ${tags.join(', ')}` : `Built ${id ?? ''}` });
    return { id: id ?? null, tags };
  });
}

async function checkInput(input: Input) {
  if (!isAbsolute(input.context)) {
    throw new ApiError('invalid_input', `The build folder must be an absolute path, not "${input.context}".`);
  }
  const context = normalize(input.context);
  const isDir = await stat(context).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir)
    throw new ApiError('invalid_input', `${context} is not a folder.`, 'Pick the folder with your Dockerfile.');
  const dockerfilePath = join(context, input.dockerfile);
  const rel = relative(context, dockerfilePath);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ApiError('invalid_input', `The Dockerfile must be inside the build folder (${input.dockerfile}).`);
  }
  const dockerfileText = await readFile(dockerfilePath, 'utf8').catch(() => {
    throw new ApiError(
      'invalid_input',
      `There is no ${input.dockerfile} in ${context}.`,
      'Pick the folder with your Dockerfile, or give its file name.',
    );
  });
  return { context, dockerfileText };
}
