/**
 * Stack commands other than up (down, pull, build, start/stop/restart, scale) journal the compose process they
 * run, as up does: a Berth killed meanwhile has it ended at its next start. A stand-in compose (sh) runs for
 * real; the task journal file is read while it runs and after.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ComposeContext, type ScopeOptions } from '../../../../main/compose/context';
import type { ComposeScope } from '../../../../main/compose/cli';
import type { ComposeCli } from '../../../../main/compose/tool';
import { startAction, startDown, startScale } from '../../../../main/compose/stackOps';
import type { Services } from '../../../../main/services';
import { TaskJournal } from '../../../../main/tasks/taskJournal';
import { TaskManager } from '../../../../main/tasks/taskManager';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A compose that says it started, then waits until `release` exists: sh, with compose's arguments after it. */
function standIn(release: string): ComposeCli {
  return {
    program: '/bin/sh',
    prefix: ['-c', `echo started; while [ ! -e "${release}" ]; do sleep 0.05; done`, 'compose'],
    command: 'docker compose',
    version: '5.0.0',
    v2: true,
    jsonProgress: false,
    env: { PATH: process.env.PATH },
  };
}

class StandInContext extends ComposeContext {
  constructor(
    tasks: TaskManager,
    private readonly standIn: ComposeCli,
    private readonly folder: string,
  ) {
    super({ tasks } as unknown as Pick<Services, 'engine' | 'tasks' | 'settings'>);
  }
  override cli(): Promise<ComposeCli> {
    return Promise.resolve(this.standIn);
  }
  override scopeOfStack(project: string, _file: string | undefined, _opts: ScopeOptions) {
    const scope: ComposeScope = { project, files: [join(this.folder, 'compose.yaml')], cwd: this.folder };
    return Promise.resolve({ scope, services: ['web'] });
  }
}

describe('stack commands journal the compose they run', () => {
  const cases: Array<[string, (ctx: ComposeContext) => Promise<string>]> = [
    ['down', (ctx) => startDown(ctx, { project: 'shop', removeVolumes: false })],
    ['pull', (ctx) => startAction(ctx, { project: 'shop', action: 'pull', services: [] })],
    ['build', (ctx) => startAction(ctx, { project: 'shop', action: 'build', services: ['web'] })],
    ['scale', (ctx) => startScale(ctx, { project: 'shop', service: 'web', replicas: 3 })],
  ];
  it.each(cases)('%s: the journal names compose while it runs, and forgets it when it ends', async (_verb, start) => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-stackops-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'compose.yaml'), 'services: { web: { image: busybox } }\n');
    const release = join(dir, 'release');
    const tasks = new TaskManager(new TaskJournal(dir));
    const id = await start(new StandInContext(tasks, standIn(release), dir));
    const journal = join(dir, `tasks-${process.pid}.json`);
    const processes = () =>
      existsSync(journal)
        ? (JSON.parse(readFileSync(journal, 'utf8')) as { running: Array<{ processes?: unknown[] }> }).running[0]
            ?.processes
        : undefined;
    await expect.poll(processes, { timeout: 10_000 }).toEqual([
      {
        pid: expect.any(Number),
        name: '/bin/sh',
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
        length: expect.any(Number),
      },
    ]);
    // The journal keeps a digest of the arguments (`-f <file>` among them), never the arguments themselves.
    expect(readFileSync(journal, 'utf8')).not.toContain('compose.yaml');
    writeFileSync(release, '');
    const done = await tasks.wait(id);
    expect(done.state).toBe('succeeded');
    expect(existsSync(journal)).toBe(false);
  });
});
