import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { LogLine } from '../../contract/compose';
import { ApiError } from '../../contract/errors';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { docker, eventually } from '../helpers/docker';
import {
  containersOf,
  dockerCompose,
  fixture,
  networksOf,
  project,
  purge,
  tagRedis,
  volumesOf,
  watchStacks,
} from '../helpers/compose';

let t: TestBackend;
let taggedRedis = false;
const projects: string[] = [];

beforeAll(async () => {
  taggedRedis = await tagRedis();
  t = startTestBackend();
});
afterAll(async () => {
  t.close();
  for (const p of projects) await purge(p);
  if (taggedRedis) await docker('rmi', 'redis:latest').catch(() => '');
});

const httpGet = (port: number) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let body = '';
    socket.on('connect', () => socket.write('GET / HTTP/1.0\r\nHost: localhost\r\n\r\n'));
    socket.on('data', (d) => (body += d.toString()));
    socket.on('end', () => resolve(body));
    socket.on('error', reject);
  });

describe('the seed stack through the API, on the real engine and docker-compose', () => {
  const p = project('seed');
  const file = fixture('seed');
  projects.push(p);

  it('reports the compose CLI', async () => {
    const tool = await t.api.compose.tool();
    expect(tool).toMatchObject({ available: true, command: expect.stringMatching(/docker.compose/) });
    expect(tool.version).toMatch(/^\d+\.\d+/);
  });

  it('parses the file before anything runs', async () => {
    const parsed = await t.api.compose.open({ path: dirname(file) }); // a folder finds its compose.yaml
    expect(parsed.path).toBe(file);
    expect(parsed.project).toBe('seed');
    const web = parsed.services.find((s) => s.name === 'web');
    const redis = parsed.services.find((s) => s.name === 'redis');
    expect(web).toMatchObject({ build: { context: dirname(file), exists: true }, ports: ['127.0.0.1::8080'] });
    expect(web?.dependsOn).toEqual(['redis']);
    expect(redis).toMatchObject({ image: 'redis', volumes: ['data:/data'] });
    expect(parsed.volumes).toEqual(['data']);
    expect(await t.api.compose.validate({ file, project: p })).toEqual({ ok: true });
    expect(await containersOf(p)).toEqual([]);
  });

  it('brings it up as a task with per-service steps; web is served and reaches redis by name', async () => {
    const { stacks, sub } = watchStacks(t.api);
    const { taskId } = await t.api.compose.up({ file, project: p, build: true });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.error).toBeUndefined();
    expect(task.state).toBe('succeeded');
    const steps = Object.fromEntries(task.steps.map((s) => [s.id, s.status]));
    expect(steps).toMatchObject({ config: 'ok', 'service:web': 'running', 'service:redis': 'running' });
    const log = (await t.api.tasks.log({ id: taskId })).lines.join('\n');
    expect(log).toMatch(/Building web|\[web|Image \S+-web Building/);

    const stack = await eventually('stack live with both services running', () => {
      const s = stacks.get(p);
      return s?.state === 'running' && s.services.length === 2 ? s : undefined;
    });
    expect(stack.services.map((s) => s.name)).toEqual(['redis', 'web']);
    expect(stack.configFiles).toEqual([file]);
    const web = stack.services.find((s) => s.name === 'web')?.containers[0];
    const published = web?.ports.find((x) => x.privatePort === 8080 && x.publicPort);
    expect(published?.ip).toBe('127.0.0.1');
    expect(await httpGet(published?.publicPort ?? 0)).toContain('hello from berth web');
    const pong = await docker('exec', web?.id ?? '', 'sh', '-c', 'echo PING | nc redis 6379');
    expect(pong).toContain('+PONG');
    sub.unsubscribe();
  });

  it('streams the merged logs, per service', async () => {
    const lines: LogLine[] = [];
    const sub = t.api.compose.logs.subscribe({ project: p, tail: 50 }, { onEvent: (e) => lines.push(...e.lines) });
    await eventually('redis log lines', () =>
      lines.some((l) => l.service === 'redis' && /Ready to accept/i.test(l.text)),
    );
    sub.unsubscribe();
  });

  it('restarts one service and scales another', async () => {
    const restart = await t.api.compose.run({ project: p, action: 'restart', services: ['redis'] });
    expect((await t.api.tasks.wait({ id: restart.taskId })).state).toBe('succeeded');
    const scale = await t.api.compose.scale({ project: p, service: 'web', replicas: 2 });
    const scaled = await t.api.tasks.wait({ id: scale.taskId });
    expect(scaled.error).toBeUndefined();
    const webs = await docker(
      'ps',
      '-q',
      '--filter',
      `label=com.docker.compose.project=${p}`,
      '--filter',
      'label=com.docker.compose.service=web',
    );
    expect(webs.split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('goes down: containers and network gone, the named volume kept', async () => {
    const { stacks, sub } = watchStacks(t.api);
    await eventually('stack in the stream', () => stacks.has(p));
    const { taskId } = await t.api.compose.down({ project: p });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('succeeded');
    expect(await containersOf(p)).toEqual([]);
    expect(await networksOf(p)).toEqual([]);
    expect(await volumesOf(p)).toEqual([`${p}_data`]);
    await eventually('stack gone from the stream', () => !stacks.has(p));
    sub.unsubscribe();
  });
});

describe('a stack started in a terminal', () => {
  it('shows up by itself, and goes down through its labels alone', async () => {
    const p = project('terminal');
    projects.push(p);
    const file = fixture('terminal');
    const { stacks, sub } = watchStacks(t.api);
    await dockerCompose('-p', p, '-f', file, 'up', '-d');
    const stack = await eventually('terminal stack in the stream', () =>
      stacks.get(p)?.state === 'running' ? stacks.get(p) : undefined,
    );
    expect(stack.services.map((s) => s.name)).toEqual(['sleeper']);
    expect(stack.configFiles).toEqual([file]);
    expect(stack.workingDir).toBe(dirname(file));
    const { taskId } = await t.api.compose.down({ project: p }); // no file given: Berth uses the labels
    expect((await t.api.tasks.wait({ id: taskId })).state).toBe('succeeded');
    await eventually('terminal stack gone', () => !stacks.has(p));
    expect(await networksOf(p)).toEqual([]);
    sub.unsubscribe();
  });
});

describe('bad input leaves nothing behind', () => {
  it('broken YAML: the parser says where, and up refuses before running anything', async () => {
    const p = project('yaml');
    projects.push(p);
    // Written at run time: a broken YAML file in the repository would trip the formatter.
    const dir = mkdtempSync(join(tmpdir(), 'berth-yaml-'));
    const file = join(dir, 'compose.yaml');
    writeFileSync(file, 'services:\n  web:\n    image: berth-fixture/busybox\n   command: sleep 600\n');
    const err = (await t.api.compose.open({ path: file }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/line 4, column \d+/);
    expect(err.details).toMatchObject({ line: 4 });
    const up = (await t.api.compose.up({ file, project: p }).catch((e: unknown) => e)) as ApiError;
    expect(up.code).toBe('invalid_input');
    expect(await containersOf(p)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('an unknown key: the CLI says so, and up fails before creating anything', async () => {
    const p = project('key');
    projects.push(p);
    const file = fixture('unknown-key');
    const v = await t.api.compose.validate({ file, project: p });
    expect(v.ok).toBe(false);
    expect(v.message).toMatch(/restartt/);
    const { taskId } = await t.api.compose.up({ file, project: p });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('failed');
    expect(task.error?.message).toMatch(/restartt/);
    expect(await containersOf(p)).toEqual([]);
    expect(await networksOf(p)).toEqual([]);
  });

  it('a missing build context: flagged by the parser and refused by the CLI', async () => {
    const p = project('ctx');
    projects.push(p);
    const file = fixture('missing-context');
    const parsed = await t.api.compose.open({ path: file });
    expect(parsed.services[0]?.build).toMatchObject({ exists: false });
    const v = await t.api.compose.validate({ file, project: p });
    expect(v).toMatchObject({ ok: false, message: expect.stringMatching(/no-such-folder/) });
    const task = await t.api.tasks.wait({ id: (await t.api.compose.up({ file, project: p })).taskId });
    expect(task.state).toBe('failed');
    expect(await containersOf(p)).toEqual([]);
  });
});
