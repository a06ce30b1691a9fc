/**
 * A BuildKit build through the user's own `docker buildx build`, pointed at Berth's engine. Why the CLI and
 * not the engine's BuildKit session API: that API is gRPC over a hijacked /session connection plus a file
 * sync protocol for the context and a second one for credentials and secrets — a client to write and keep
 * in step with BuildKit — while buildx is what `docker build` itself runs on Engine 23+, honours the user's
 * builder, .dockerignore, credential helpers and BuildKit features, and prints its progress as JSON
 * (`--progress rawjson`), which buildkitProgress reads into steps. `--load` puts the result in the engine's
 * image store whatever the builder's driver; `--iidfile` names the image (the index digest on the containerd
 * store). Cancel stops buildx (its process group), which cancels the solve on the engine.
 */
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ApiError } from '../../../contract/errors';
import { spawnLines } from '../../common/spawnLines';
import { makeTempFolder } from '../../common/ownTempFolders';
import type { TaskHandle } from '../../tasks/taskManager';
import { buildFailure, locateInStage, parseDockerfile } from './buildDockerfile';
import type { BuildJob, BuildResult } from './buildJob';
import { BuildkitProgress, isSolveStatus, parseVertexName } from '../../common/buildkitProgress';

const TEXT_TAIL = 60;

export function buildxArgs(job: BuildJob, iidfile: string): string[] {
  const { input } = job;
  return [
    'buildx',
    'build',
    '--progress',
    'rawjson',
    '--load',
    '--iidfile',
    iidfile,
    // As a user types it in the folder: -f only for another name, relative to the context.
    ...(input.dockerfile === 'Dockerfile' ? [] : ['-f', input.dockerfile]),
    ...job.tags.flatMap((t) => ['-t', t]),
    ...Object.entries(input.buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
    ...Object.entries(input.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]),
    ...(input.target ? ['--target', input.target] : []),
    ...(input.noCache ? ['--no-cache'] : []),
    ...(input.pull ? ['--pull'] : []),
    '.',
  ];
}

/** Feeds buildx's stderr (rawjson lines and its own text) into the task; keeps what a failure needs. */
export class BuildxOutput {
  readonly progress = new BuildkitProgress();
  /** Buildx's own text lines (errors, the Dockerfile excerpt it prints on failure), last ones. */
  readonly text: string[] = [];

  constructor(private readonly task: TaskHandle) {}

  readonly onLine = (line: string): void => {
    if (!line.trim()) return;
    if (line.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      if (isSolveStatus(parsed)) {
        const { steps, log } = this.progress.apply(parsed);
        for (const s of steps) this.task.step(s);
        if (log.length) this.task.log(...log);
        const current = this.progress.current;
        this.task.progress({ fraction: this.progress.fraction, ...(current ? { message: current } : {}) });
        return;
      }
    }
    this.text.push(line);
    if (this.text.length > TEXT_TAIL) this.text.shift();
    this.task.log(line);
  };

  /** The error for a failed build: the failing step, its output, and the Dockerfile line. */
  failure(job: BuildJob, code: number | null): ApiError {
    const failed = this.progress.failure;
    const errorLine = [...this.text].reverse().find((l) => l.startsWith('ERROR:'));
    const said = errorLine?.replace(/^ERROR:\s*/, '') ?? `docker buildx exited with code ${code}.`;
    // On failure buildx prints "<dockerfile>:<line>" above an excerpt of it.
    const name = basename(job.dockerfilePath);
    const marked = this.text
      .map((l) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+)$`).exec(l.trim()))
      .find(Boolean);
    const cliLine = marked ? Number(marked[1]) : null;
    if (!failed) {
      const details = cliLine
        ? buildFailure(job.input.dockerfile, job.dockerfileText, null, null, { line: cliLine })
        : undefined;
      return new ApiError(
        'failed',
        `The build failed: ${said}`,
        /target stage .* could not be found/i.test(said)
          ? 'Check the target stage name against the Dockerfile’s `FROM … AS name` lines.'
          : 'Fix the Dockerfile (or the files it uses) and build again.',
        details,
      );
    }
    const parts = parseVertexName(failed.name);
    const instruction = parts?.instruction ?? failed.name;
    const line = cliLine ?? locateInStage(parseDockerfile(job.dockerfileText), parts?.stage, instruction);
    return new ApiError(
      'failed',
      `Step ${failed.name} failed: ${failed.error}`,
      'Fix the highlighted Dockerfile line, or the files it uses, and build again.',
      buildFailure(job.input.dockerfile, job.dockerfileText, null, instruction, {
        line,
        output: failed.output.slice(-40),
        ...(parts?.stage ? { stage: parts.stage } : {}),
      }),
    );
  }
}

export async function runBuildx(
  env: NodeJS.ProcessEnv,
  task: TaskHandle,
  job: BuildJob,
  inspectId: (ref: string) => Promise<string>,
): Promise<BuildResult> {
  const dir = await makeTempFolder('build');
  const iidfile = join(dir, 'iid');
  const out = new BuildxOutput(task);
  task.progress({ message: 'Starting BuildKit…' });
  try {
    const code = await spawnLines('docker', buildxArgs(job, iidfile), {
      cwd: job.context,
      env,
      signal: task.signal,
      onLine: out.onLine,
      // Journaled: a Berth killed meanwhile leaves buildx (and the engine) building; the next start ends it.
      onSpawn: task.runs,
    });
    for (const s of out.progress.finish(task.signal.aborted)) task.step(s);
    if (task.signal.aborted) throw new ApiError('cancelled', 'Cancelled by the user.');
    if (code !== 0) throw out.failure(job, code);
    const iid = (await readFile(iidfile, 'utf8').catch(() => '')).trim();
    const id = iid || (job.tags[0] ? await inspectId(job.tags[0]) : '');
    return { id: id || null, tags: job.tags };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
