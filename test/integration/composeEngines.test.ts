/**
 * Compose through Berth on both engines with both CLIs: the Compose v5 plugin (built by
 * test/engines/build.sh; Berth runs it with `--progress json`, so a build's BuildKit steps show as task
 * steps) and docker-compose v1 (Debian's, text output, the classic builder). Compose is pointed at the
 * engine Berth uses (DOCKER_HOST), whichever the shell would pick.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { FIXTURES, project, watchStacks } from '../helpers/compose';
import { dockerOn, ENGINES, useTempDockerConfig } from '../helpers/engines';

let config: ReturnType<typeof useTempDockerConfig>;
const settingsDir = mkdtempSync(join(tmpdir(), 'berth-settings-'));
const folders: string[] = [];
beforeAll(() => {
  config = useTempDockerConfig();
  process.env.BERTH_CONFIG_DIR = settingsDir;
});
afterAll(() => {
  config.dispose();
  delete process.env.BERTH_CONFIG_DIR;
  for (const d of [settingsDir, ...folders]) rmSync(d, { recursive: true, force: true });
});

/** A copy of the built-pair fixture, so a test may break its Dockerfile. */
function pair(dockerfile?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-compose-'));
  folders.push(dir);
  cpSync(join(FIXTURES, 'built-pair'), dir, { recursive: true });
  if (dockerfile) writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return join(dir, 'compose.yaml');
}

const CLIS = [
  { cli: 'Compose v5', binary: 'docker', command: 'docker compose', v5: true },
  { cli: 'docker-compose v1', binary: 'docker-compose', command: 'docker-compose', v5: false },
];

describe.each(ENGINES.flatMap((e) => CLIS.map((c) => ({ ...e, ...c }))))(
  '$cli on $name',
  ({ host: hostOf, binary, command, v5 }) => {
    let t: TestBackend;
    let docker: (...args: string[]) => Promise<string>;
    const projects: string[] = [];

    beforeAll(async () => {
      const host = await hostOf();
      docker = dockerOn(host);
      t = startTestBackend(host);
      await t.api.settings.update({ composeBinary: binary });
      await eventually('engine connected', () => t.backend.services.engine.connected);
    });
    afterAll(async () => {
      t?.close();
      for (const p of projects) {
        for (const id of (await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`)).split('\n')) {
          if (id) await docker('rm', '-f', id).catch(() => '');
        }
        await docker('network', 'rm', `${p}_default`).catch(() => '');
        await docker('rmi', '-f', `${p}-web`, `${p}_web`).catch(() => '');
      }
    });

    it('builds and brings the stack up with per-service steps, then takes it down', async () => {
      const tool = await t.api.compose.tool();
      expect(tool.command).toBe(command);
      if (v5) expect(tool.version).toMatch(/^5\./);
      const p = project('pair');
      projects.push(p);
      const { stacks, sub } = watchStacks(t.api);
      const { taskId } = await t.api.compose.up({ file: pair(), project: p, build: true });
      const task = await t.api.tasks.wait({ id: taskId });
      expect(task.error).toBeUndefined();
      expect(task.state).toBe('succeeded');
      const byId = Object.fromEntries(task.steps.map((s) => [s.id, s]));
      expect(byId['service:web']?.status).toBe('running');
      expect(byId['service:cache']?.status).toBe('running');
      const log = (await t.api.tasks.log({ id: taskId })).lines;
      if (v5) {
        // BuildKit's steps of the web image, as an image build shows them.
        const run = task.steps.find((s) => /\] RUN echo "built for berth"/.test(s.label));
        // done, or cached when an earlier run on this engine built the same step
        expect(run?.fraction).toBe(1);
        expect(['done', 'cached']).toContain(run?.status);
        expect(run?.startedAt).toBeLessThanOrEqual(run?.endedAt ?? 0);
        expect(log).toContain(`Container ${p}-web-1 Started`);
      } else {
        // v1 builds through the docker CLI: the classic builder's "Step", or BuildKit's plain "#N" when buildx is there.
        expect(log.some((l) => /^(Step 2\/3 : |#\d+ \[.*\] )RUN echo "built for berth"/.test(l))).toBe(true);
      }
      await eventually('the stack running in the live list', () => stacks.get(p)?.state === 'running');
      expect(stacks.get(p)?.services.map((s) => s.name)).toEqual(['cache', 'web']);
      expect(await docker('exec', `${p}${v5 ? '-web-1' : '_web_1'}`, 'cat', '/built.txt')).toBe('built for berth');

      const down = await t.api.compose.down({ project: p, removeVolumes: false });
      const downTask = await t.api.tasks.wait({ id: down.taskId });
      expect(downTask.state).toBe('succeeded');
      expect(downTask.steps.find((s) => s.id === 'service:web')?.status).toBe('removed');
      await eventually('the stack gone', () => !stacks.has(p));
      sub.unsubscribe();
    });

    it('a failing build: the task fails in the builder’s words, and nothing is left running', async () => {
      const p = project('pairfail');
      projects.push(p);
      const file = pair('FROM berth-fixture/busybox:latest\nRUN echo about to fail && exit 7\n');
      const { taskId } = await t.api.compose.up({ file, project: p, build: true });
      const task = await t.api.tasks.wait({ id: taskId });
      expect(task.state).toBe('failed');
      expect(task.error?.message).toMatch(/exit code: 7|returned a non-zero code: 7/);
      if (v5) expect(task.steps.find((s) => s.label.includes('exit 7'))?.status).toBe('failed');
      expect(await docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`)).toBe('');
    });
  },
);
