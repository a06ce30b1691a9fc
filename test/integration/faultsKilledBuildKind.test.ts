/**
 * Berth's own process killed (SIGKILL) in the middle of a build and of a kind create, for real: a real
 * `npm run web` process runs them on the shared Docker 20.10, is killed while the work surely runs (a
 * Dockerfile step that sleeps; kubeadm running in the kind node), and a new process starts on the same config
 * folder. Its task list says what was interrupted; the temporary folder the killed build left (buildx's) is
 * removed at the start, and buildx, which outlives Berth while it has nothing to write, is ended by it; the
 * engine is shown as it really is: no image claimed as built, the half-made kind cluster listed with its node,
 * and removed only when the user deletes it (kind.delete). What becomes of the CLIs the killed Berth had
 * started (buildx, kind) is printed. Counted in the fault summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerMessage } from '../../contract/protocol';
import type { Task, TaskEvent } from '../../contract/tasks';
import type { KindCluster } from '../../contract/kube';
import { INTERRUPTED } from '../../main/tasks/taskManager';
import { docker, eventually, FIXTURE_BUSYBOX, removeImages } from '../helpers/docker';
import { useTempDockerConfig } from '../helpers/engines';
import { KIND_BIN } from '../helpers/kubeCluster';
import { kindNodeImage } from '../helpers/kindNode';
import { descendants, killBerth, running, startWebBerth, type WebBerth } from '../helpers/webBerth';

const prefix = `sigkill-${process.pid % 100000}-${Math.random().toString(36).slice(2, 6)}`;
let dir: string;
const orphans: number[] = [];
const images: string[] = [];
const clusters: string[] = [];
const observed: string[] = [];

/** The latest state of a task from the `tasks.watch` subscription `sub` of a running Berth. */
function latest(messages: ServerMessage[], sub: number, taskId: string): Task | undefined {
  let found: Task | undefined;
  for (const m of messages) {
    if (m.type !== 'event' || m.id !== sub) continue;
    const e = m.event as TaskEvent;
    if (e.type === 'update' && e.task.id === taskId) found = e.task;
    if (e.type === 'snapshot') found = e.tasks.find((t) => t.id === taskId) ?? found;
  }
  return found;
}

function watchTasks(berth: WebBerth): number {
  const sub = 7001;
  berth.send({ type: 'subscribe', id: sub, method: 'tasks.watch' });
  return sub;
}

/** A step of the task is running and its label says `what` (a failed task fails the wait). */
const stepRunning = (berth: WebBerth, sub: number, taskId: string, what: RegExp) => () => {
  const task = latest(berth.messages, sub, taskId);
  if (task && task.state !== 'running') throw new Error(`${task.title} ended before the kill: ${task.message}`);
  return task?.steps.some((s) => s.status === 'running' && what.test(`${s.id} ${s.label}`)) ?? false;
};

/** A process's command line, as `ps` shows it. */
const commandOf = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
};

/** Processes whose command line holds `token` (a build step's shell, in the engine's containers). */
const stepProcesses = (token: string): number[] =>
  readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => pid !== process.pid && commandOf(pid).includes(token));

const ownBuildFolders = (pid: number) =>
  readdirSync(tmpdir())
    .filter((n) => n.startsWith(`berth-build-${pid}-`))
    .map((n) => join(tmpdir(), n));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
});

afterAll(async () => {
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const name of clusters) {
    await docker('ps', '-aq', '--filter', `label=io.x-k8s.kind.cluster=${name}`)
      .then((ids) => (ids ? docker('rm', '-f', '-v', ...ids.split('\n')) : ''))
      .catch(() => '');
  }
  await removeImages(...images);
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`Berth killed during a build and a kind create: ${observed.join('; ')}\n`);
}, 300_000);

describe('Berth killed (SIGKILL) during a build', () => {
  it('fault: Berth killed (SIGKILL) during a classic and a BuildKit build — listed as interrupted, its temp folder removed at the next start, no image claimed as built', async () => {
    const dockerConfig = useTempDockerConfig(); // buildx for the BuildKit build (Berth inherits DOCKER_CONFIG)
    try {
      const token = `${prefix}-step`;
      const context = join(dir, 'context');
      mkdirSync(context);
      writeFileSync(join(context, 'Dockerfile'), `FROM ${FIXTURE_BUSYBOX}\nRUN sleep 900 && echo ${token}\n`);
      const tags = { classic: `${prefix}-classic:1`, buildkit: `${prefix}-buildkit:1` };
      images.push(tags.classic, tags.buildkit);

      const first = await startWebBerth(join(dir, 'config'));
      const pid = first.child.pid as number;
      const sub = watchTasks(first);
      const classic = (await first.call('images.build', {
        context,
        tags: [tags.classic],
        builder: 'classic',
      })) as { taskId: string };
      const buildkit = (await first.call('images.build', {
        context,
        tags: [tags.buildkit],
        builder: 'buildkit',
      })) as { taskId: string };
      const step = new RegExp(`RUN sleep 900 && echo ${token}`);
      await eventually(
        'the classic build to run the sleeping step',
        stepRunning(first, sub, classic.taskId, step),
        300_000,
      );
      await eventually(
        'the BuildKit build to run the sleeping step',
        stepRunning(first, sub, buildkit.taskId, step),
        300_000,
      );
      const buildContainers = async () =>
        (await docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Command}}'))
          .split('\n')
          .filter((l) => l.includes(token));
      expect((await buildContainers()).length).toBeGreaterThanOrEqual(1); // the classic step's container
      // Both steps' shells run in the engine (the command after the sleep keeps the shell from exec'ing it),
      // silent: nothing for the CLIs to write until the step ends.
      await eventually('both build steps to run', () => stepProcesses(token).length >= 2, 120_000);
      expect(ownBuildFolders(pid)).toHaveLength(1); // buildx's, named after the Berth that made it

      const children = await descendants(pid);
      orphans.push(...children);
      const names = children.map((p) => commandOf(p).split(' ').slice(0, 3).join(' '));
      await killBerth(first);
      // The killed Berth's CLIs: buildx lost its stdout and stderr with Berth; a few seconds on, is it there?
      await new Promise((r) => setTimeout(r, 5_000));
      const still = await Promise.all(children.map(running));
      const alive = children.filter((_, i) => still[i]);
      observed.push(
        `build: ${alive.length} of ${children.length} CLI process(es) of the killed Berth (${names.join(', ')}) still ran 5 s later`,
      );
      // buildx (the docker CLI and its plugin) runs on: it dies only when it next writes to the pipes Berth held.
      expect(alive).toEqual(children);
      const left = ownBuildFolders(pid);
      expect(left, 'the killed build left its temp folder').toHaveLength(1);

      const second = await startWebBerth(join(dir, 'config'));
      try {
        expect(existsSync(left[0] as string), `${left[0]} removed at the start`).toBe(false);
        expect(second.output()).toContain(`removed ${left[0]}`);
        const byId = new Map((await second.tasks()).map((t) => [t.id, t]));
        for (const id of [classic.taskId, buildkit.taskId]) {
          expect(byId.get(id)).toMatchObject({ kind: 'image.build', state: 'failed', message: INTERRUPTED });
          expect(byId.get(id)?.error?.hint).toMatch(/really has now/);
        }
        // buildx, left running by the killed Berth (it dies only at its next output line, and the step is
        // silent), is ended by the new one: the journal named it; its task log says so.
        await eventually(
          'the orphaned buildx to be ended',
          async () => {
            const still = await Promise.all(children.map(running));
            return still.every((r) => !r);
          },
          60_000,
        );
        const { lines } = (await second.call('tasks.log', { id: buildkit.taskId })) as { lines: string[] };
        expect(lines.join('\n')).toMatch(/Ended docker buildx build \(pid \d+\), which the stopped Berth/);
        // The engine's real state: it dropped both builds with their clients (the classic step's container
        // goes; no step's process runs on, BuildKit's included), and neither tag names an image, in Berth's
        // list or the docker CLI's.
        await eventually(
          'the classic build step container to be removed',
          async () => (await buildContainers()).length === 0,
          120_000,
        );
        await eventually('no build step to run on', () => stepProcesses(token).length === 0, 120_000);
        const listed = JSON.stringify(await second.call('images.list'));
        for (const tag of Object.values(tags)) {
          expect(listed).not.toContain(tag.split(':')[0]);
          expect(await docker('images', '-q', tag)).toBe('');
        }
        observed.push(
          `build: both builds listed as interrupted, the buildx temp folder removed, the orphaned buildx ended by the next start, no image tagged`,
        );
      } finally {
        await second.stop();
      }
    } finally {
      dockerConfig.dispose();
    }
  }, 900_000);
});

describe('Berth killed (SIGKILL) during kind create (real kind, offline node image)', () => {
  it(
    'fault: Berth killed (SIGKILL) during kind create — listed as interrupted naming the cluster, the half-made cluster shown as it is and removed only when the user deletes it',
    async () => {
      const image = await kindNodeImage();
      const name = `${prefix}-kind`.slice(0, 40);
      clusters.push(name);
      const kubeconfig = join(dir, 'kubeconfig');
      const env = { BERTH_KIND: KIND_BIN, BERTH_KUBECONFIG: kubeconfig };
      const nodes = async () =>
        (
          await docker(
            'ps',
            '-a',
            '--filter',
            `label=io.x-k8s.kind.cluster=${name}`,
            '--format',
            '{{.Names}} {{.State}}',
          )
        )
          .split('\n')
          .filter(Boolean);

      const first = await startWebBerth(join(dir, 'config'), env);
      const pid = first.child.pid as number;
      const sub = watchTasks(first);
      const { taskId } = (await first.call('kube.kindCreate', { name, image })) as { taskId: string };
      await eventually(
        'kubeadm to be running in the control-plane node',
        stepRunning(first, sub, taskId, /starting-control-plane/),
        10 * 60_000,
      );
      expect(await nodes()).toEqual([`${name}-control-plane running`]);

      const children = await descendants(pid);
      orphans.push(...children);
      const kindPid = children.find((p) => commandOf(p).startsWith(`${KIND_BIN} create cluster`));
      expect(kindPid, 'kind create cluster runs under Berth').toBeDefined();
      const killedAt = Date.now();
      await killBerth(first);
      // What becomes of kind: it writes its progress to the pipes the killed Berth held, which are gone now.
      await eventually('kind to end', async () => !(await running(kindPid as number)), 8 * 60_000);
      const seconds = Math.round((Date.now() - killedAt) / 1000);
      const initialised = await docker('exec', `${name}-control-plane`, 'test', '-f', '/etc/kubernetes/admin.conf')
        .then(() => 'initialised')
        .catch(() => 'not initialised');
      const orphaned = (await Promise.all(children.map(running))).filter(Boolean).length;
      observed.push(
        `kind create: kind ended ${seconds} s after Berth was killed (${orphaned} of the ${children.length} processes under Berth left); ` +
          `the control plane inside the node: ${initialised}; nodes: ${(await nodes()).join(', ')}`,
      );
      // It never got to its last step: no kubectl context was written for the cluster.
      expect(existsSync(kubeconfig) ? readFileSync(kubeconfig, 'utf8') : '').not.toContain(`kind-${name}`);

      const second = await startWebBerth(join(dir, 'config'), env);
      try {
        const task = (await second.tasks()).find((t) => t.id === taskId);
        expect(task).toMatchObject({ kind: 'kind.create', state: 'failed', message: INTERRUPTED });
        expect(task?.error?.hint).toContain(`The cluster "${name}" kind was creating is left half-made`);
        expect(task?.error?.hint).toContain(`kind delete cluster --name ${name}`);

        // The engine's real state: the cluster is listed with its node container as it is; nothing removed it.
        const real = await nodes();
        expect(real.length).toBeGreaterThan(0);
        const listed = ((await second.call('kube.kindClusters')) as KindCluster[]).find((c) => c.name === name);
        expect(listed?.nodes.map((n) => `${n.name} ${n.state}`)).toEqual(real);

        // The user confirms the clean-up: the existing delete removes it all.
        const del = (await second.call('kube.kindDelete', { name })) as { taskId: string };
        const done = (await second.call('tasks.wait', { id: del.taskId })) as Task;
        expect(done.state).toBe('succeeded');
        expect(await nodes()).toEqual([]);
        const after = (await second.call('kube.kindClusters')) as KindCluster[];
        expect(after.map((c) => c.name)).not.toContain(name);
        observed.push('kind create: listed as interrupted, the half-made cluster shown and removed on delete');
      } finally {
        await second.stop();
      }
    },
    30 * 60_000,
  );
});
