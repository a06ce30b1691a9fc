/**
 * `up` as a task: check the file with the CLI, pull/build as asked, bring the stack up with per-service
 * steps, and on failure or cancel take down what this up created (never volumes).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../contract/errors';
import type { ComposeFile, UpInput } from '../../contract/compose';
import type { TaskHandle } from '../tasks/taskManager';
import { runCompose, type ComposeScope } from './cli';
import { activeServices } from './composeFile';
import type { ComposeContext } from './context';
import { composeFailure } from './failure';
import { projectContainerIds, sweepProject } from './sweep';
import { StepTracker } from './tracker';
import type { ComposeCli } from './tool';

type Up = Required<Omit<UpInput, 'project' | 'envFile'>> & { project?: string; envFile?: string };

/**
 * The files a check depended on, as they were: the compose files, the env file and the folder's `.env`.
 * A check is reused while none of them changed, so Up right after Open does not run `config -q` twice
 * (it costs ~0.6 s with compose v1).
 */
async function fingerprint(cli: ComposeCli, scope: ComposeScope): Promise<string> {
  const files = [...scope.files, ...(scope.envFile ? [scope.envFile] : []), join(scope.cwd, '.env')];
  const stats = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => `${f}:${s.size}:${s.mtimeMs}`,
        () => `${f}:absent`,
      ),
    ),
  );
  return JSON.stringify([cli.program, cli.version, scope.project, scope.profiles ?? [], stats]);
}

const accepted = new Set<string>();

/**
 * Whether the file can be brought up: every local build context exists (Compose v2+ `config -q` no longer
 * checks that, v1 did), then the CLI accepts it (`config -q`); its words when not.
 */
export async function validateWithCli(
  cli: ComposeCli,
  scope: ComposeScope,
  signal?: AbortSignal,
  file?: ComposeFile,
): Promise<{ ok: boolean; message?: string }> {
  const missing = file?.services.filter((s) => s.build && !s.build.exists) ?? [];
  if (missing.length) {
    return {
      ok: false,
      message: missing
        .map((s) => `service "${s.name}": the build context ${s.build?.context ?? ''} does not exist`)
        .join('\n'),
    };
  }
  const key = await fingerprint(cli, scope);
  if (accepted.has(key)) return { ok: true };
  const result = await runCompose(cli, scope, ['config', '-q'], { signal });
  if (result.code === 0) {
    if (accepted.size > 100) accepted.clear();
    accepted.add(key);
    return { ok: true };
  }
  return { ok: false, message: result.tail.join('\n') || `${cli.command} config failed (exit ${result.code}).` };
}

export async function startUp(ctx: ComposeContext, input: Up): Promise<string> {
  const cli = await ctx.cli();
  const { scope, file } = await ctx.scopeOfFile(input.file, input.project, input);
  const wanted = input.services.length ? input.services : activeServices(file, input.profiles);
  const unknown = input.services.filter((s) => !file.services.some((x) => x.name === s));
  if (unknown.length) throw new ApiError('invalid_input', `No service ${unknown.join(', ')} in ${file.path}.`);
  return ctx.services.tasks.start({ kind: 'compose.up', title: `Up ${scope.project}` }, (task) =>
    runUp(ctx, cli, scope, wanted, input, task, file),
  );
}

async function runUp(
  ctx: ComposeContext,
  cli: ComposeCli,
  scope: ComposeScope,
  services: string[],
  input: Up,
  task: TaskHandle,
  file: ComposeFile,
): Promise<{ project: string; services: string[] }> {
  const { signal } = task;
  task.step({ id: 'config', label: 'compose file', status: 'checking', fraction: null });
  task.progress({ fraction: 0, message: `Checking ${scope.files[0]} with ${cli.command}` });
  const check = await validateWithCli(cli, scope, signal, file);
  if (signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
  if (!check.ok) {
    task.step({ id: 'config', label: 'compose file', status: 'refused', fraction: 1 });
    task.log(...(check.message ?? '').split('\n'));
    throw new ApiError(
      'invalid_input',
      `${cli.command} refused the file: ${check.message}`,
      'Fix the compose file; nothing was started.',
    );
  }
  task.step({ id: 'config', label: 'compose file', status: 'ok', fraction: 1 });

  const before = new Set(await projectContainerIds(ctx.docker, scope.project));
  try {
    if (input.pull && !cli.v2) {
      const pull = new StepTracker(task, scope.project, services, [0.05, 0.3]);
      const r = await runCompose(cli, scope, ['pull', ...input.services], {
        signal,
        onLine: pull.onLine,
        onSpawn: task.runs,
      });
      if (signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
      if (r.code !== 0) throw composeFailure(`Pull for ${scope.project} failed`, r.tail, r.code);
    }
    const tracker = new StepTracker(task, scope.project, services, [input.pull && !cli.v2 ? 0.3 : 0.05, 1]);
    tracker.announce();
    const args = [
      'up',
      '-d',
      ...(input.build ? ['--build'] : []),
      ...(input.pull && cli.v2 ? ['--pull', 'always'] : []),
      ...(input.forceRecreate ? ['--force-recreate'] : []),
      ...input.services,
    ];
    const r = await runCompose(cli, scope, args, {
      signal,
      onLine: tracker.onLine,
      onBuildStatus: tracker.onBuildStatus,
      // Journaled: a Berth killed meanwhile leaves compose running (until it next writes); the next start ends it.
      onSpawn: task.runs,
    });
    tracker.endBuild(signal.aborted);
    if (signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
    if (r.code !== 0) throw composeFailure(`Up ${scope.project} failed`, r.tail, r.code);
    tracker.finish('running');
    task.progress({ fraction: 1, message: `${scope.project} is up` });
    return { project: scope.project, services };
  } catch (e) {
    task.progress({ message: 'Cleaning up what this up created…' });
    const cleaned = await cleanUp(ctx, cli, scope, before, task);
    if (cleaned || !(e instanceof ApiError) || e.code !== 'engine_unreachable') throw e;
    // The engine went away under the up: what it created goes as soon as it is back.
    sweepWhenBack(ctx, scope.project, before, task);
    throw new ApiError(
      e.code,
      e.message,
      `${e.hint ?? ''} What this up created is removed as soon as Docker is reachable again.`.trim(),
      e.details,
    );
  }
}

/** As soon as the engine answers again, removes the containers of an interrupted up (those created before it failed). */
function sweepWhenBack(ctx: ComposeContext, project: string, before: ReadonlySet<string>, task: TaskHandle): void {
  const failedAt = Math.ceil(Date.now() / 1000);
  ctx.services.engine.whenBack(async () => {
    await sweepProject(ctx.docker, project, { keep: before, networks: before.size === 0, createdBy: failedAt });
    task.log('Docker is back: removed what the interrupted up had created.');
  });
}

/**
 * Takes down what this up created; a stack that existed before keeps its own containers. False when the
 * engine could not be asked (it went away).
 */
async function cleanUp(
  ctx: ComposeContext,
  cli: ComposeCli,
  scope: ComposeScope,
  before: ReadonlySet<string>,
  task: TaskHandle,
): Promise<boolean> {
  const fresh = before.size === 0;
  try {
    if (fresh) {
      const r = await runCompose(cli, scope, ['down'], { onLine: (l) => task.log(l) });
      if (r.code !== 0) task.log(`cleanup: ${cli.command} down exited ${r.code}`);
    }
    // Whatever compose did not get to (a create still in flight when it was killed): straight through the API.
    for (const delay of [0, 500]) {
      await new Promise((r) => setTimeout(r, delay));
      await sweepProject(ctx.docker, scope.project, { keep: before, networks: fresh });
    }
  } catch (e) {
    task.log(`cleanup failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  return true;
}
