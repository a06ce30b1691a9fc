import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { containersOf, fixture, networksOf, project, purge } from '../helpers/compose';

let t: TestBackend;
const projects: string[] = [];
const dirs: string[] = [];

beforeAll(() => {
  t = startTestBackend();
});
afterAll(async () => {
  t.close();
  for (const p of projects) await purge(p);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('a failed or cancelled up takes down what it created', () => {
  it('a port already taken: up fails clearly and no container of the project remains', async () => {
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'berth-compose-'));
    dirs.push(dir);
    const file = join(dir, 'compose.yaml');
    writeFileSync(
      file,
      `services:\n  ok:\n    image: berth-fixture/busybox\n    command: sleep 600\n  web:\n    image: berth-fixture/busybox\n    command: sleep 600\n    ports: ['127.0.0.1:${port}:80']\n`,
    );
    const p = project('port');
    projects.push(p);
    try {
      const { taskId } = await t.api.compose.up({ file, project: p });
      const task = await t.api.tasks.wait({ id: taskId });
      expect(task.state).toBe('failed');
      expect(task.error?.code).toBe('conflict');
      expect(task.error?.message).toMatch(/already in use|already allocated/);
      expect(task.error?.message).toContain(String(port));
      expect(await containersOf(p)).toEqual([]);
      expect(await networksOf(p)).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('cancel in the middle of a build: the task ends cancelled and nothing of the project remains', async () => {
    const p = project('cancel');
    projects.push(p);
    const { taskId } = await t.api.compose.up({ file: fixture('slow-build'), project: p, build: true });
    await eventually(
      'the build to start',
      async () => (await t.api.tasks.log({ id: taskId })).lines.some((l) => /sleep 120/.test(l)),
      30_000,
    );
    expect(await t.api.tasks.cancel({ id: taskId })).toEqual({ cancelled: true });
    const task = await t.api.tasks.wait({ id: taskId });
    expect(task.state).toBe('cancelled');
    expect(await containersOf(p)).toEqual([]);
    expect(await networksOf(p)).toEqual([]);
  });
});
