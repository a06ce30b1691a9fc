/**
 * The build task: checks the folder and Dockerfile at once (invalid_input before any task), then picks the
 * builder (builderChoice: BuildKit through the user's buildx where the engine offers it, else the classic
 * builder) and runs it. Both report steps with their state and times, stream the output into the task log,
 * can be cancelled, and end with the same result, or a failure naming the step and Dockerfile line.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize, relative } from 'node:path';
import { ApiError } from '../../../contract/errors';
import { dockerCliEnv } from '../../common/dockerCliEnv';
import type { TaskManager } from '../../tasks/taskManager';
import type { EngineConnection } from '../connection';
import { chooseBuilder } from './builderChoice';
import type { BuildJob, CheckedBuildInput } from './buildJob';
import { runBuildx } from './buildxBuild';
import { runClassicBuild } from './classicBuild';
import { parseReference } from './imageReference';
import { unlessEngineStopped } from '../engineStopped';
import { asNoSpace } from '../noSpace';

/** Validates the input (throws invalid_input at once) and starts the build task. */
export async function startBuild(
  engine: Pick<EngineConnection, 'docker' | 'endpoint' | 'current' | 'builderVersion'>,
  tasks: TaskManager,
  input: CheckedBuildInput,
): Promise<string> {
  const job = await checkInput(input);
  const title = `Build ${job.tags[0] ?? job.context}`;
  return tasks.start({ kind: 'image.build', title }, async (task) => {
    const env = dockerCliEnv(engine.endpoint);
    const choice = await chooseBuilder(engine, env, input.builder);
    task.log(choice.reason);
    const build =
      choice.builder === 'buildkit'
        ? runBuildx(env, task, job, async (ref) => (await engine.docker.getImage(ref).inspect()).Id)
        : runClassicBuild(engine.docker, task, job);
    const result = await build.catch(async (e: unknown) => {
      throw asNoSpace(await unlessEngineStopped(engine.docker, e, 'the build'), 'the build');
    });
    const name = result.tags.length ? result.tags.join(', ') : (result.id ?? '');
    task.progress({ fraction: 1, message: `Built ${name}` });
    return result;
  });
}

async function checkInput(input: CheckedBuildInput): Promise<BuildJob> {
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
  const tags = input.tags.map((t) => parseReference(t).full);
  return { input, context, dockerfilePath, dockerfileText, tags };
}
