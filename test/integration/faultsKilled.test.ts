/**
 * Berth's own process killed (SIGKILL) in the middle of a pull and of a compose up: a real `npm run web`
 * process pulls from a registry that accepts connections and never answers (so both are surely still
 * running), is killed, and a new process on the same config folder starts. Its task list says what was
 * interrupted, and its lists show what the engine really has (the half-made stack as it is, the image not
 * there). Counted in the run's fault summary (test/helpers/summaryReporter.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import type { ServerMessage } from '../../contract/protocol';
import type { Task } from '../../contract/tasks';
import type { ComposeStack } from '../../contract/compose';
import { INTERRUPTED } from '../../main/tasks/taskManager';
import { containersOf, project as projectName, purge } from '../helpers/compose';
import { eventually, FIXTURE_BUSYBOX } from '../helpers/docker';

const exec = promisify(execFile);
const WEB = join(import.meta.dirname, '..', '..', 'dist', 'main', 'web.js');

let dir: string;
let blackHole: net.Server;
let blackHolePort = 0;
let accepted = 0;
const held = new Set<net.Socket>();
const project = projectName('killed');
const orphans: number[] = [];
const faults = { injected: 0, survived: 0, leftContainers: -1 };

interface Berth {
  child: ChildProcess;
  ws: WebSocket;
  messages: ServerMessage[];
  send(message: object): void;
  call(method: string, input?: unknown): Promise<unknown>;
}

async function startBerth(): Promise<Berth> {
  const child = spawn(process.execPath, [WEB], { env: { ...process.env, BERTH_CONFIG_DIR: join(dir, 'config') } });
  let out = '';
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Berth web UI: (\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`web exited ${code}: ${out}`)));
  });
  const u = new URL(url);
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const s = new WebSocket(`ws://${u.host}/api${u.search}`, { headers: { origin: `http://${u.host}` } });
    s.once('open', () => resolve(s));
    s.once('error', reject);
  });
  const messages: ServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as ServerMessage));
  let nextId = 1;
  const send = (message: object) => ws.send(JSON.stringify(message));
  const call = async (method: string, input?: unknown) => {
    const id = nextId++;
    send({ type: 'call', id, method, input });
    const reply = await eventually(
      `${method} answered`,
      () => messages.find((m) => m.id === id && m.type === 'result'),
      120_000,
    );
    if (reply.type !== 'result' || !reply.ok) throw new Error(`${method}: ${JSON.stringify(reply)}`);
    return reply.value;
  };
  return { child, ws, messages, send, call };
}

/** Every process under `pid` (compose, the docker CLI), so the ones a killed Berth orphans can be ended by id. */
async function descendants(pid: number): Promise<number[]> {
  const { stdout } = await exec('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }));
  const children = stdout
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter(Boolean);
  return [...children, ...(await Promise.all(children.map(descendants))).flat()];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-killed-'));
  blackHole = net.createServer((s) => {
    accepted++;
    held.add(s);
    s.on('error', () => undefined);
    s.on('close', () => held.delete(s));
  });
  await new Promise<void>((r) => blackHole.listen(0, '127.0.0.1', r));
  blackHolePort = (blackHole.address() as net.AddressInfo).port;
  writeFileSync(
    join(dir, 'compose.yaml'),
    [
      'services:',
      '  web:',
      `    image: ${FIXTURE_BUSYBOX}`,
      '    command: ["sleep", "3600"]',
      '  slow:',
      `    image: 127.0.0.1:${blackHolePort}/berth-fault/slow:1`,
      '    depends_on: [web]',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await purge(project);
  for (const s of held) s.destroy();
  await new Promise((r) => blackHole?.close(r));
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(
    `Berth killed during a pull and a compose up: ${faults.survived} of ${faults.injected} recovered; the stack was left with ${faults.leftContainers} container(s), shown as such\n`,
  );
});

describe('Berth killed (SIGKILL) during a pull and a compose up', () => {
  it('fault: Berth killed (SIGKILL) during a pull and a compose up — both listed as interrupted after a restart, the engine shown as it really is', async () => {
    const first = await startBerth();
    const reference = `127.0.0.1:${blackHolePort}/berth-fault/pull:1`;
    const pull = (await first.call('images.pull', { reference })) as { taskId: string };
    await eventually('the pull reached the registry', () => accepted > 0, 60_000);
    const before = accepted;
    const up = (await first.call('compose.up', { file: join(dir, 'compose.yaml'), project })) as { taskId: string };
    await eventually('compose up reached the registry', () => accepted > before, 120_000);
    const running = first.messages.filter((m) => m.type === 'result' && m.ok).length;
    expect(running).toBeGreaterThanOrEqual(2);

    orphans.push(...(await descendants(first.child.pid as number)));
    first.child.kill('SIGKILL');
    faults.injected += 2;
    await new Promise((r) => first.child.once('exit', r));

    const second = await startBerth();
    try {
      second.send({ type: 'subscribe', id: 9001, method: 'tasks.watch' });
      const snapshot = await eventually('task snapshot', () =>
        second.messages.find((m) => m.id === 9001 && m.type === 'event'),
      );
      const tasks = (snapshot.type === 'event' ? (snapshot.event as { tasks: Task[] }).tasks : []) ?? [];
      const byId = new Map(tasks.map((t) => [t.id, t]));
      for (const [id, kind] of [
        [pull.taskId, 'image.pull'],
        [up.taskId, 'compose.up'],
      ] as const) {
        expect(byId.get(id), kind).toMatchObject({ kind, state: 'failed', message: INTERRUPTED });
        expect(byId.get(id)?.error?.hint).toMatch(/really has now/);
        faults.survived += 1;
      }
      // The engine's real state: the image never came, and the stack is shown as far as it got.
      const images = await second.call('images.list');
      expect(JSON.stringify(images)).not.toContain(reference);
      const real = await containersOf(project);
      faults.leftContainers = real.length;
      second.send({ type: 'subscribe', id: 9002, method: 'compose.stacks' });
      const stacks = await eventually('stack snapshot', () =>
        second.messages.find((m) => m.id === 9002 && m.type === 'event'),
      );
      const list = stacks.type === 'event' ? (stacks.event as { items: ComposeStack[] }).items : [];
      const stack = list.find((s) => s.name === project);
      if (real.length === 0) expect(stack).toBeUndefined();
      else expect(stack?.total).toBe(real.length);
    } finally {
      second.ws.close();
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  });
});
