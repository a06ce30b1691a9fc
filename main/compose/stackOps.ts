/**
 * down, start/stop/restart/pull/build and scale for a stack, each as a task with per-service steps; the task
 * journals the compose it runs, so a Berth killed meanwhile has it ended at its next start (leftProcesses.ts).
 */
import { ApiError } from '../../contract/errors';
import type { StackAction } from '../../contract/compose';
import type { TaskHandle } from '../tasks/taskManager';
import { runCompose, type ComposeScope } from './cli';
import { requireFiles, type ComposeContext, type ScopeOptions } from './context';
import { composeFailure } from './failure';
import { sweepProject } from './sweep';
import { StepTracker } from './tracker';
import type { ComposeCli } from './tool';

interface Target extends ScopeOptions {
  project: string;
  file?: string;
}

const DONE_STATUS: Record<StackAction | 'down' | 'scale', string> = {
  start: 'running',
  stop: 'stopped',
  restart: 'running',
  pull: 'pulled',
  build: 'built',
  down: 'removed',
  scale: 'scaled',
};

async function command(
  task: TaskHandle,
  cli: ComposeCli,
  scope: ComposeScope,
  services: string[],
  args: string[],
  what: string,
  done: string,
): Promise<{ project: string }> {
  const tracker = new StepTracker(task, scope.project, services);
  task.progress({ fraction: 0, message: `${cli.command} ${args.join(' ')}` });
  const r = await runCompose(cli, scope, args, {
    signal: task.signal,
    onLine: tracker.onLine,
    onBuildStatus: tracker.onBuildStatus,
    onSpawn: task.runs,
  });
  tracker.endBuild(task.signal.aborted);
  if (task.signal.aborted) throw new ApiError('cancelled', 'Cancelled.');
  if (r.code !== 0) throw composeFailure(what, r.tail, r.code);
  tracker.finish(done);
  return { project: scope.project };
}

export async function startDown(ctx: ComposeContext, t: Target & { removeVolumes: boolean }): Promise<string> {
  const cli = await ctx.cli();
  const { scope, services } = await ctx.scopeOfStack(t.project, t.file, t);
  return ctx.services.tasks.start({ kind: 'compose.down', title: `Down ${t.project}` }, async (task) => {
    if (!scope.files.length) {
      // The file is gone: remove what the engine has, through the API.
      task.log(`The compose file of ${t.project} is gone; removing its containers and networks directly.`);
      await sweepProject(ctx.docker, t.project, { networks: true, volumes: t.removeVolumes });
      return { project: t.project };
    }
    const args = ['down', ...(t.removeVolumes ? ['--volumes'] : [])];
    return command(task, cli, scope, services, args, `Down ${t.project} failed`, DONE_STATUS.down);
  });
}

export async function startAction(
  ctx: ComposeContext,
  t: Target & { action: StackAction; services: string[] },
): Promise<string> {
  const cli = await ctx.cli();
  const { scope, services } = await ctx.scopeOfStack(t.project, t.file, t);
  requireFiles(scope);
  const verb = t.action[0]?.toUpperCase() + t.action.slice(1);
  const which = t.services.length ? ` ${t.services.join(', ')}` : '';
  return ctx.services.tasks.start({ kind: `compose.${t.action}`, title: `${verb} ${t.project}${which}` }, (task) =>
    command(
      task,
      cli,
      scope,
      t.services.length ? t.services : services,
      [t.action, ...t.services],
      `${verb} ${t.project}${which} failed`,
      DONE_STATUS[t.action],
    ),
  );
}

export async function startScale(
  ctx: ComposeContext,
  t: Target & { service: string; replicas: number },
): Promise<string> {
  const cli = await ctx.cli();
  const { scope } = await ctx.scopeOfStack(t.project, t.file, t);
  requireFiles(scope);
  const title = `Scale ${t.project} ${t.service} to ${t.replicas}`;
  const args = ['up', '-d', '--no-deps', '--no-recreate', '--scale', `${t.service}=${t.replicas}`, t.service];
  return ctx.services.tasks.start({ kind: 'compose.scale', title }, (task) =>
    command(task, cli, scope, [t.service], args, `${title} failed`, DONE_STATUS.scale),
  );
}
