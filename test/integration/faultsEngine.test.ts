/**
 * Faults on the Docker side, injected for real on a private second engine (its own network namespace, so no
 * other test is disturbed): the engine stopped during a pull, a build, and under a followed log and a shell;
 * the registry stopped in the middle of a push. Pulls and pushes go through a throttled link inside that
 * namespace, so there is a middle to cut. Each test checks what the user sees (a failed task or ended stream
 * saying what happened and what to do), that Berth recovers by itself once the part is back, and that
 * nothing was lost or left half-made. Tests named "fault: …" are counted in the run's fault summary.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { secondEngine, type SecondEngine } from '../helpers/secondEngine';
import { stopProcess } from '../helpers/daemons';
import type { Task } from '../../contract/tasks';
import type { ApiErrorShape } from '../../contract/errors';
import type { ComposeStack } from '../../contract/compose';
import { live } from '../helpers/collection';

const exec = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'berth-faults-'));
/** The engine, the registry and the slow link share this namespace, which outlives engine restarts. */
const NETNS = `berth-faults-${process.pid}`;
/** Inside the engine's namespace: the registry, and the slow link the engine pulls and pushes through. */
const REGISTRY_DIRECT = '127.0.0.1:5001';
const REGISTRY = '127.0.0.1:5000';
const BIG = `${REGISTRY}/berth-fault/big:1`;
const RATE = 3_000_000; // bytes per second through the link: a 24 MB layer takes ~8 s
let engine: SecondEngine;
let t: TestBackend;
let registry: ChildProcess | undefined;
let link: ChildProcess | undefined;
const updates = new Map<string, Task>();
let engineStatus = 'connecting';
let engineError: string | undefined;
const reconnected = () => eventually('Berth to reconnect', () => engineStatus === 'connected', 60_000);

const onEngine = async (...args: string[]) =>
  (await exec('docker', ['-H', engine.url, ...args], { timeout: 300_000, maxBuffer: 1 << 26 })).stdout.trim();

/** Starts a process inside the engine's network namespace; resolves once it printed `ready` (a regexp). */
async function inNamespace(ready: RegExp, command: string, ...args: string[]): Promise<ChildProcess> {
  const child = spawn('nsenter', [`--net=/run/netns/${NETNS}`, command, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const seen: string[] = [];
    const onLine = (l: string) => {
      seen.push(l);
      if (ready.test(l)) resolve();
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code) => reject(new Error(`${command} exited (${code}): ${seen.slice(-5).join('\n')}`)));
    setTimeout(() => reject(new Error(`${command} not ready in 30 s: ${seen.slice(-5).join('\n')}`)), 30_000);
  });
  return child;
}

const startRegistry = async () => {
  registry = await inNamespace(/listening on/, 'docker-registry', 'serve', join(dir, 'registry.yml'));
};
const kill = (child: ChildProcess | undefined) => stopProcess(child, 'SIGKILL');

/** The task's latest state as the watch stream reported it. */
const taskNow = (id: string) => updates.get(id);
const waitFor = (what: string, id: string, test: (task: Task) => boolean, ms = 120_000) =>
  eventually(
    what,
    () => {
      const task = taskNow(id);
      if (task && task.state !== 'running') throw new Error(`task ended before the fault: ${JSON.stringify(task)}`);
      return task ? test(task) : false;
    },
    ms,
  );

beforeAll(async () => {
  await exec('ip', ['netns', 'add', NETNS]);
  engine = secondEngine({ netns: NETNS });
  await engine.start();
  await engine.loadImage(FIXTURE_BUSYBOX);
  mkdirSync(join(dir, 'registry'));
  writeFileSync(
    join(dir, 'registry.yml'),
    `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'registry')}\n  delete:\n    enabled: true\n` +
      `http:\n  addr: ${REGISTRY_DIRECT}\n`,
  );
  await startRegistry();
  link = await inNamespace(
    /listening/,
    process.execPath,
    join(import.meta.dirname, '..', 'helpers', 'throttleProxy.mjs'),
    REGISTRY,
    REGISTRY_DIRECT,
    String(RATE),
  );
  // A 24 MB layer of random bytes (nothing to compress away), pushed straight to the registry.
  await exec('sh', [
    '-c',
    `mkdir -p ${dir}/big && head -c 24000000 /dev/urandom > ${dir}/big/blob && tar -C ${dir}/big -cf ${dir}/big.tar blob`,
  ]);
  await onEngine('import', join(dir, 'big.tar'), `${REGISTRY_DIRECT}/berth-fault/big:1`);
  await onEngine('push', `${REGISTRY_DIRECT}/berth-fault/big:1`);
  await onEngine('rmi', `${REGISTRY_DIRECT}/berth-fault/big:1`);
  t = startTestBackend(engine.url);
  t.api.tasks.watch.subscribe(undefined, {
    onEvent: (e) => {
      if (e.type === 'update') updates.set(e.task.id, e.task);
    },
  });
  t.api.system.engine.subscribe(undefined, { onEvent: (e) => ((engineStatus = e.status), (engineError = e.error)) });
}, 10 * 60_000);

afterAll(async () => {
  t?.close();
  await kill(link);
  await kill(registry);
  await engine?.dispose();
  await exec('ip', ['netns', 'delete', NETNS]).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

const expectEngineGone = (error: ApiErrorShape | undefined) => {
  expect(error?.code, JSON.stringify(error)).toBe('engine_unreachable');
  expect(error?.hint).toMatch(/Start the Docker engine/);
};

describe('faults on the Docker side (private engine)', () => {
  beforeEach(async () => {
    if (!engine.running()) await engine.start();
    await reconnected();
  }, 120_000);

  it(
    'fault: the engine stops during a pull — the task says so; once back, the pull works and no half image is left',
    async () => {
      const { taskId } = await t.api.images.pull({ reference: BIG });
      await waitFor(
        'bytes to be downloading',
        taskId,
        (task) => (task.fraction ?? 0) > 0.05 && (task.fraction ?? 0) < 0.6,
      );
      await engine.stop();
      const failed = await t.api.tasks.wait({ id: taskId });
      expect(failed.state).toBe('failed');
      expectEngineGone(failed.error);

      await engine.start();
      expect(await onEngine('images', '-q', BIG)).toBe('');
      await reconnected();
      const again = await t.api.tasks.wait({ id: (await t.api.images.pull({ reference: BIG })).taskId });
      expect(again.error, JSON.stringify(again.error)).toBeUndefined();
      expect(again.state).toBe('succeeded');
      expect(await onEngine('images', '-q', BIG)).not.toBe('');
    },
    10 * 60_000,
  );

  it(
    'fault: the registry stops in the middle of a push — the push fails clearly; a retry once it is back works',
    async () => {
      // Its own random layer, so the registry cannot mount it from the pulled image instead of receiving it.
      const target = `${REGISTRY}/berth-fault/pushed:1`;
      await exec('sh', [
        '-c',
        `head -c 24000000 /dev/urandom > ${dir}/big/blob && tar -C ${dir}/big -cf ${dir}/big.tar blob`,
      ]);
      await onEngine('import', join(dir, 'big.tar'), target);
      const { taskId } = await t.api.images.push({ reference: target });
      await waitFor('bytes to be pushing', taskId, (task) => (task.fraction ?? 0) > 0.05 && (task.fraction ?? 0) < 0.6);
      await kill(registry);
      const failed = await t.api.tasks.wait({ id: taskId });
      expect(failed.state).toBe('failed');
      expect(failed.error?.message).toMatch(/push|upload|connect|EOF|reset|refused/i);
      expect(failed.error?.message).toContain('127.0.0.1:5000');

      await startRegistry();
      const retry = await t.api.tasks.wait({ id: (await t.api.images.push({ reference: target })).taskId });
      expect(retry.error).toBeUndefined();
      expect(retry.state).toBe('succeeded');
      expect(retry.kind).toBe('image.push');
      expect(retry.result && 'digest' in retry.result ? retry.result.digest : undefined).toMatch(/^sha256:/);
      await onEngine('rmi', target);
      const pulled = await t.api.tasks.wait({ id: (await t.api.images.pull({ reference: target })).taskId });
      expect(pulled.state).toBe('succeeded');
    },
    10 * 60_000,
  );

  it(
    'fault: the engine stops during a build — the task says so, and no build context is left behind',
    async () => {
      const context = join(dir, 'build');
      mkdirSync(context);
      writeFileSync(join(context, 'Dockerfile'), `FROM ${FIXTURE_BUSYBOX}\nRUN echo started && sleep 120\n`);
      const tmpBefore = readdirSync(tmpdir()).filter((f) => f.startsWith('berth-build-'));
      const { taskId } = await t.api.images.build({ context, tags: ['berth-fault/built:1'], builder: 'classic' });
      await waitFor('the RUN step to be running', taskId, (task) =>
        task.steps.some((s) => /RUN echo started/.test(s.label) && s.status === 'running'),
      );
      await engine.stop();
      const failed = await t.api.tasks.wait({ id: taskId });
      expect(failed.state).toBe('failed');
      expectEngineGone(failed.error);
      const tmpAfter = readdirSync(tmpdir()).filter((f) => f.startsWith('berth-build-') && !tmpBefore.includes(f));
      expect(tmpAfter).toEqual([]);

      await engine.start();
      expect(await onEngine('images', '-q', 'berth-fault/built:1')).toBe('');
    },
    10 * 60_000,
  );

  it(
    'fault: the engine stops under a followed log and an open shell — both end, the status says why; the log opens again once back',
    async () => {
      await reconnected();
      const id = await onEngine(
        'run',
        '-d',
        '--network',
        'none',
        '--name',
        `berth-fault-logger-${process.pid}`,
        FIXTURE_BUSYBOX,
        'sh',
        '-c',
        'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.2; done',
      );
      const logLines: string[] = [];
      let logEnded: { error?: ApiErrorShape } | undefined;
      t.api.containers.logs.subscribe(
        { id, follow: true, tail: 'all' },
        {
          onEvent: (e) => logLines.push(...e.lines.map((l) => l.text)),
          onEnd: (error) => (logEnded = { error }),
        },
      );
      let shellEnded = false;
      t.api.containers.terminal.subscribe(
        { id, cols: 80, rows: 24 },
        {
          onEvent: (e) => {
            if (e.type === 'exit') shellEnded = true;
          },
          onEnd: () => (shellEnded = true),
        },
      );
      await eventually('log lines to flow', () => logLines.length > 3, 30_000);
      await engine.stop();
      // dockerd stops the container as it shuts down: the log ends and the shell exits (neither hangs), and
      // the engine's state tells the user why.
      await eventually('the followed log to end', () => logEnded, 60_000);
      await eventually('the shell to end', () => shellEnded, 60_000);
      await eventually('Berth to say the engine is gone', () => engineStatus === 'unreachable', 60_000);
      expect(engineError).toMatch(/not reachable|refused|ENOENT/i);

      await engine.start();
      await reconnected();
      await onEngine('start', id);
      const after: string[] = [];
      t.api.containers.logs.subscribe(
        { id, follow: false, tail: 'all' },
        { onEvent: (e) => after.push(...e.lines.map((l) => l.text)) },
      );
      await eventually('the log to open again, its lines kept', () => after.length >= logLines.length, 60_000);
      expect(after.slice(0, 3)).toEqual(logLines.slice(0, 3));
      await onEngine('rm', '-f', id);
    },
    10 * 60_000,
  );
  it(
    'fault: the engine stops during a compose up — the task says so; once back, nothing half-made is left and Up again works',
    async () => {
      // `web` waits for `db` to be healthy, which takes 8 s: the up is in its middle when the engine stops.
      const project = `berth-fault-up-${process.pid}`;
      const file = join(dir, 'compose.yaml');
      writeFileSync(
        file,
        [
          'services:',
          '  db:',
          `    image: ${FIXTURE_BUSYBOX}`,
          '    command: ["sh", "-c", "sleep 8; touch /ready; sleep 3600"]',
          '    network_mode: none',
          '    healthcheck:',
          '      test: ["CMD", "test", "-f", "/ready"]',
          '      interval: 1s',
          '      retries: 60',
          '  web:',
          `    image: ${FIXTURE_BUSYBOX}`,
          '    command: ["sleep", "3600"]',
          '    network_mode: none',
          '    depends_on:',
          '      db:',
          '        condition: service_healthy',
          '',
        ].join('\n'),
      );
      const stackList = live<ComposeStack>(
        (h) => t.api.compose.stacks.subscribe(undefined, h),
        (s) => s.name,
      );
      const stack = () => stackList.items.get(project);
      const { taskId } = await t.api.compose.up({ file, project });
      await waitFor('db to be up and web waiting for it', taskId, () =>
        Boolean(stack()?.services.some((s) => s.name === 'db' && s.containers.some((c) => c.state === 'running'))),
      );
      expect(taskNow(taskId)?.state).toBe('running');
      await engine.stop();
      const failed = await t.api.tasks.wait({ id: taskId });
      expect(failed.state).toBe('failed');
      expectEngineGone(failed.error);

      await engine.start();
      await reconnected();
      // Nothing half-made is left: Berth removes what this up created (at once, or once the engine is back).
      await eventually(
        'the half-made stack to be gone',
        async () => (await onEngine('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)) === '',
        60_000,
      );
      await eventually('the stack list to agree', () => stack() === undefined, 30_000);
      const again = await t.api.tasks.wait({ id: (await t.api.compose.up({ file, project })).taskId });
      expect(again.error, JSON.stringify(again.error)).toBeUndefined();
      await eventually('both services running', () => stack()?.running === 2, 60_000);
      const down = await t.api.tasks.wait({ id: (await t.api.compose.down({ project, file })).taskId });
      expect(down.state).toBe('succeeded');
    },
    10 * 60_000,
  );
});

describe('a full disk (an engine whose data root is a 32 MB tmpfs)', () => {
  const full = {
    engine: undefined as SecondEngine | undefined,
    mount: join(dir, 'small'),
    t: undefined as TestBackend | undefined,
  };
  const onFull = async (...args: string[]) =>
    (await exec('docker', ['-H', full.engine!.url, ...args], { timeout: 300_000 })).stdout.trim();

  beforeAll(async () => {
    mkdirSync(full.mount);
    await exec('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'berth-fault-small', full.mount]);
    // Beside the first engine, in the same namespace, so it reaches the same registry.
    full.engine = secondEngine({ netns: NETNS, dataRoot: full.mount });
    await full.engine.start();
    await full.engine.loadImage(FIXTURE_BUSYBOX);
    full.t = startTestBackend(full.engine.url);
  }, 5 * 60_000);

  afterAll(async () => {
    full.t?.close();
    await full.engine?.dispose();
    await exec('umount', ['-l', full.mount]).catch(() => undefined);
  }, 120_000);

  it(
    'fault: the disk fills during a pull and a build — "ran out of disk space" with a prune offer; the rest is intact',
    async () => {
      const api = full.t!.api;
      const pull = await api.tasks.wait({ id: (await api.images.pull({ reference: BIG })).taskId });
      expect(pull.state).toBe('failed');
      expect(pull.error?.code, JSON.stringify(pull.error)).toBe('no_space');
      expect(pull.error?.message).toMatch(
        /ran out of disk space during the pull of 127\.0\.0\.1:5000\/berth-fault\/big:1/,
      );
      expect(pull.error?.hint).toMatch(/Free space in Disk usage/);

      const context = join(dir, 'build-full');
      mkdirSync(context);
      writeFileSync(
        join(context, 'Dockerfile'),
        `FROM ${FIXTURE_BUSYBOX}\nRUN dd if=/dev/zero of=/filler bs=1M count=80\n`,
      );
      const build = await api.tasks.wait({
        id: (await api.images.build({ context, tags: ['berth-fault/filler:1'], builder: 'classic' })).taskId,
      });
      expect(build.state).toBe('failed');
      expect(build.error?.code, JSON.stringify(build.error)).toBe('no_space');
      expect(build.error?.message).toMatch(/ran out of disk space during the build: .*No space left on device/i);
      expect((build.error?.details as { line?: number }).line).toBe(2);

      // What was there before is intact: the image is listed and still runs.
      expect((await api.images.list()).some((i) => i.repoTags.includes(FIXTURE_BUSYBOX))).toBe(true);
      expect(await onFull('run', '--rm', '--network', 'none', FIXTURE_BUSYBOX, 'echo', 'intact')).toBe('intact');
    },
    10 * 60_000,
  );
});
