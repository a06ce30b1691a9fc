/**
 * Builds through Berth on both engines with the user's buildx (the plugin test/engines/build.sh built):
 * BuildKit by default (Engine 29 offers it as its builder; 20.10 builds with it through buildx too), the
 * classic builder when asked. A 3-stage Dockerfile FROM the fixture busybox (nothing can be pulled here).
 */
import { execFile } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildFailure } from '../../contract/images';
import type { Task, TaskStep } from '../../contract/tasks';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually, removeFolders, tempFolder, uniqueName } from '../helpers/docker';
import { dockerOn, ENGINES, useTempDockerConfig } from '../helpers/engines';

const exec = promisify(execFile);
const THREE_STAGE = join(import.meta.dirname, '..', 'fixtures', 'build', 'three-stage');
const dirs: string[] = [];
let config: ReturnType<typeof useTempDockerConfig>;

beforeAll(() => {
  config = useTempDockerConfig();
});
afterAll(() => {
  config.dispose();
  removeFolders(dirs);
});

/** A copy of the 3-stage fixture folder (its Dockerfile and Dockerfile.fail). */
function threeStage(): string {
  const dir = tempFolder('berth-bk-', {}, dirs);
  cpSync(THREE_STAGE, dir, { recursive: true });
  return dir;
}

const stepOf = (task: Task, start: string): TaskStep | undefined => task.steps.find((s) => s.label.startsWith(start));

describe.each(ENGINES)('builds on $name', ({ host: hostOf }) => {
  let t: TestBackend;
  let docker: (...args: string[]) => Promise<string>;
  const images: string[] = [];

  beforeAll(async () => {
    const host = await hostOf();
    docker = dockerOn(host);
    t = startTestBackend(host);
    await eventually('engine connected', () => t.backend.services.engine.connected);
  });
  afterAll(async () => {
    t?.close();
    for (const ref of images) await docker('rmi', '-f', ref).catch(() => '');
  });

  const build = async (input: Parameters<TestBackend['api']['images']['build']>[0]) => {
    const { taskId } = await t.api.images.build(input);
    const task = await t.api.tasks.wait({ id: taskId });
    return { task, log: (await t.api.tasks.log({ id: taskId })).lines };
  };

  it('BuildKit by default: a step per stage instruction, with times, build args, and the image runs', async () => {
    const tag = `${uniqueName('bk')}:dev`;
    images.push(tag);
    const { task, log } = await build({
      context: threeStage(),
      tags: [tag],
      buildArgs: { GREETING: 'hi' },
      noCache: true,
    });
    expect(task.error).toBeUndefined();
    expect(task.state).toBe('succeeded');
    expect(log[0]).toMatch(/^Builder: BuildKit through docker buildx /);
    for (const label of ['[base 2/2] RUN', '[build 1/1] RUN', '[stage-2 2/3] COPY', '[stage-2 3/3] COPY']) {
      expect(stepOf(task, label), label).toMatchObject({ status: 'done', fraction: 1 });
    }
    const slow = stepOf(task, '[base 2/2] RUN');
    expect((slow?.endedAt ?? 0) - (slow?.startedAt ?? 0)).toBeGreaterThanOrEqual(1000); // it sleeps 1 s
    expect(log.some((l) => /^#\d+ hi from base$/.test(l))).toBe(true); // a step's own output
    expect(task.result).toEqual({ id: await docker('image', 'inspect', '-f', '{{.Id}}', tag), tags: [tag] });
    expect(await docker('run', '--rm', tag)).toBe('hi from base');
    // Built again: the stage steps come from the cache.
    const again = await build({ context: threeStage(), tags: [tag], buildArgs: { GREETING: 'hi' } });
    expect(stepOf(again.task, '[base 2/2] RUN')?.status).toBe('cached');
    expect(stepOf(again.task, '[stage-2 3/3] COPY')?.status).toBe('cached');
    // No cache asked: they run again.
    const fresh = await build({ context: threeStage(), tags: [tag], buildArgs: { GREETING: 'hi' }, noCache: true });
    expect(stepOf(fresh.task, '[base 2/2] RUN')?.status).toBe('done');
  });

  it('stops at the target stage', async () => {
    const tag = `${uniqueName('bk-target')}:dev`;
    images.push(tag);
    const { task } = await build({ context: threeStage(), tags: [tag], target: 'build' });
    expect(task.state).toBe('succeeded');
    expect(task.steps.some((s) => s.label.startsWith('[stage-2'))).toBe(false);
    expect(await docker('run', '--rm', tag, 'cat', '/built.txt')).toBe('built');
  });

  it('marks the failing step, its output and its Dockerfile line; no image is made', async () => {
    const tag = `${uniqueName('bk-fail')}:dev`;
    images.push(tag);
    const { task } = await build({ context: threeStage(), dockerfile: 'Dockerfile.fail', tags: [tag] });
    expect(task.state).toBe('failed');
    expect(task.error?.message).toMatch(/^Step \[build 1\/1\] RUN cat \/greeting.txt .* failed: .*exit code: 3$/);
    const details = task.error?.details as BuildFailure;
    expect(details).toMatchObject({ line: 7, stage: 'build', dockerfile: 'Dockerfile.fail' });
    expect(details.output).toEqual(expect.arrayContaining(['built', 'failing now']));
    expect(stepOf(task, '[build 1/1] RUN')?.status).toBe('failed');
    await expect(docker('image', 'inspect', tag)).rejects.toThrow();
  });

  it('cancels: buildx and the running step stop, the step is marked cancelled', async () => {
    const marker = uniqueName('slow');
    const dir = tempFolder('berth-bk-', {}, dirs);
    writeFileSync(join(dir, 'Dockerfile'), `FROM berth-fixture/busybox\nRUN sleep 120 && echo ${marker}\n`);
    const { taskId } = await t.api.images.build({ context: dir, noCache: true });
    const alive = () =>
      exec('pgrep', ['-f', marker]).then(
        () => true,
        () => false,
      );
    await eventually('the slow step running', alive, 60_000);
    expect((await t.api.tasks.cancel({ id: taskId })).cancelled).toBe(true);
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('cancelled');
    expect(task.steps.find((s) => s.label.includes(marker))?.status).toBe('cancelled');
    await eventually('the step process gone', async () => !(await alive()), 30_000);
  });

  it('the classic builder when asked: "Step N/M" steps, cached on the second run', async () => {
    const tag = `${uniqueName('classic')}:dev`;
    images.push(tag);
    const first = await build({ context: threeStage(), tags: [tag], builder: 'classic', noCache: true });
    expect(first.task.state).toBe('succeeded');
    expect(first.log[0]).toBe('Builder: classic (asked for).');
    expect(first.task.steps.every((s) => s.status === 'done' && s.endedAt !== undefined)).toBe(true);
    expect(first.task.result).toMatchObject({ id: await docker('image', 'inspect', '-f', '{{.Id}}', tag) });
    const second = await build({ context: threeStage(), tags: [tag], builder: 'classic' });
    expect(second.task.steps.filter((s) => s.status === 'cached').length).toBeGreaterThan(0);
    expect(await docker('run', '--rm', tag)).toBe('hello from base');
  });
});
