/**
 * A real Berth web bridge process (`dist/main/web.js`, what `npm run web` runs) on a given config folder,
 * with a WebSocket client speaking the bridge's protocol: for tests that kill Berth itself (SIGKILL) and
 * start a new one on the same folder. `descendants` lists what a Berth process started (compose, buildx,
 * kind, the docker CLI), so those it orphans can be looked at and ended by id.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import type { ServerMessage } from '../../contract/protocol';
import type { Task } from '../../contract/tasks';
import { eventually } from './docker';

const exec = promisify(execFile);
const WEB = join(import.meta.dirname, '..', '..', 'dist', 'main', 'web.js');

export interface WebBerth {
  child: ChildProcess;
  ws: WebSocket;
  messages: ServerMessage[];
  /** Everything the process printed (stdout and stderr). */
  output(): string;
  send(message: object): void;
  call(method: string, input?: unknown): Promise<unknown>;
  /** The task list's first snapshot (tasks.watch). */
  tasks(): Promise<Task[]>;
  /** Ends the process (SIGTERM) and waits for it. */
  stop(): Promise<void>;
}

let nextSubscription = 9000;

export async function startWebBerth(configDir: string, env: NodeJS.ProcessEnv = {}): Promise<WebBerth> {
  const child = spawn(process.execPath, [WEB], { env: { ...process.env, ...env, BERTH_CONFIG_DIR: configDir } });
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
  const tasks = async () => {
    const id = nextSubscription++;
    send({ type: 'subscribe', id, method: 'tasks.watch' });
    const snapshot = await eventually('task snapshot', () => messages.find((m) => m.id === id && m.type === 'event'));
    return (snapshot.type === 'event' ? (snapshot.event as { tasks: Task[] }).tasks : []) ?? [];
  };
  const stop = async () => {
    ws.close();
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, ws, messages, output: () => out, send, call, tasks, stop };
}

/** Every process under `pid`, children first. */
export async function descendants(pid: number): Promise<number[]> {
  const { stdout } = await exec('ps', ['-o', 'pid=', '--ppid', String(pid)]).catch(() => ({ stdout: '' }));
  const children = stdout
    .split('\n')
    .map((s) => Number(s.trim()))
    .filter(Boolean);
  return [...children, ...(await Promise.all(children.map(descendants))).flat()];
}

/** Whether a process still runs (and is not a zombie waiting for its parent). */
export async function running(pid: number): Promise<boolean> {
  const { stdout } = await exec('ps', ['-o', 'stat=', '-p', String(pid)]).catch(() => ({ stdout: '' }));
  return stdout.trim() !== '' && !stdout.trim().startsWith('Z');
}

/** SIGKILLs Berth and waits until it is gone. */
export async function killBerth(berth: WebBerth): Promise<void> {
  const exited = new Promise((r) => berth.child.once('exit', r));
  berth.child.kill('SIGKILL');
  await exited;
}
