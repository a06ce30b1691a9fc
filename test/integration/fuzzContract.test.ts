/**
 * Property-based fuzzing of every contract method, over the real router (in-process, with what Electron's
 * structured clone can carry) and over the real web bridge (`node dist/main/web.js`, as `npm run web` serves
 * it, over its WebSocket). Inputs come from each method's own schema, mutated with hostile values.
 *
 * What must hold: every message gets a typed error (a code from contract/errors) or a valid result (outputs
 * are checked against their schemas); nothing throws, no promise is left rejected, the web process stays
 * up; and an input its schema refuses never reaches the implementation, the Docker engine or the API server
 * — counted by recording proxies in front of the engine socket (DOCKER_HOST) and kube-apiserver (the
 * kubeconfig's server). Valid inputs are sent only to read-only methods (the engine is shared). The totals
 * are printed as `fuzz: N messages, 0 crashes`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { api } from '../../contract/api';
import { methodsOf, type MethodDef } from '../../contract/define';
import { ErrorCode } from '../../contract/errors';
import type { ServerMessage } from '../../contract/protocol';
import { createBackend, type Backend } from '../../main/backend';
import { webShell } from '../../main/services';
import { inputsFor, malformedMessages } from '../helpers/contractArbitraries';
import { startEngineProxy, startTcpProxy, type RecordingProxy } from '../helpers/recordingProxy';
import { KUBE_CONTEXT, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';

const METHODS = [...methodsOf(api)];
const PER_METHOD = 24; // inputs per method and transport, before splitting valid from invalid
const VALID_PER_METHOD = 8; // valid inputs per read-only method and transport (they reach the shared engine)
const SEED = Number(process.env.BERTH_FUZZ_SEED ?? 20261202);
const LONG = 360_000;

/** Methods that only read: the only ones that get valid inputs on this shared engine and cluster. */
const READ_ONLY = new Set([
  'system.info',
  'system.engine',
  'tasks.watch',
  'tasks.cancel',
  'tasks.wait',
  'tasks.log',
  'containers.list',
  'containers.watch',
  'containers.inspect',
  'containers.logs',
  'containers.stats',
  'containers.terminalWrite',
  'containers.terminalResize',
  'images.list',
  'images.watch',
  'images.inspect',
  'images.registries',
  'volumes.list',
  'volumes.watch',
  'networks.list',
  'networks.watch',
  'kube.contexts',
  'kube.status',
  'kube.namespaces',
  'kube.nodes',
  'kube.nodeMetrics',
  'kube.pods',
  'kube.deployments',
  'kube.replicaSets',
  'kube.services',
  'kube.events',
  'kube.endpointSlices',
  'kube.kindConfig',
  'kube.execWrite',
  'kube.execResize',
  'kube.stopPortForward',
  'kube.portForwards',
  'settings.get',
  'settings.watch',
  'settings.navigation',
  'settings.openRequests',
]);

const CODES = new Set<string>(ErrorCode.options);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let cluster: KubeCluster;
let engineProxy: RecordingProxy;
let kubeProxy: RecordingProxy;
let kubeconfig: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
const figures = { router: 0, bridge: 0, invalid: 0, valid: 0, engineRequests: 0, apiServerConnections: 0 };

interface Case {
  method: string;
  def: MethodDef;
  input: unknown;
  valid: boolean;
}

/** The fuzz cases for one transport: every method, inputs split by the schema itself. */
function cases(rich: boolean, seedOffset: number): Case[] {
  const out: Case[] = [];
  METHODS.forEach(([method, def], i) => {
    let valid = 0;
    for (const input of fc.sample(inputsFor(def, rich), { numRuns: PER_METHOD, seed: SEED + seedOffset + i })) {
      const ok = def.input.safeParse(input).success;
      if (ok && ++valid > VALID_PER_METHOD) continue;
      out.push({ method, def, input, valid: ok });
    }
  });
  return out;
}

/** Points valid kube inputs at the test cluster through the proxy (half of them), so some really go out. */
function aimed(c: Case, n: number): unknown {
  if (!c.method.startsWith('kube.') || n % 2 === 1) return c.input;
  const input = c.input as Record<string, unknown> | undefined;
  if (!input || typeof input !== 'object' || !('context' in input)) return c.input;
  const next = { ...input, context: KUBE_CONTEXT, kubeconfig };
  return c.def.input.safeParse(next).success ? next : c.input;
}

const isTyped = (m: ServerMessage | undefined): boolean => {
  if (!m) return false;
  if (m.type === 'result') return m.ok || CODES.has(m.error.code);
  if (m.type === 'end') return !m.error || CODES.has(m.error.code);
  return true; // an event: valid by the router's output check
};
const errorOf = (m: ServerMessage | undefined) => (m && m.type !== 'event' && 'error' in m ? m.error : undefined);

function snapshot() {
  return { engine: engineProxy.requests.length, kubeConn: kubeProxy.connections(), kubeBytes: kubeProxy.bytesSent() };
}

/** Waits until nothing goes through either proxy for 2 s (work an earlier phase left in flight on a slow machine). */
async function settle(): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = JSON.stringify(snapshot());
  while (Date.now() < deadline) {
    await sleep(2000);
    const now = JSON.stringify(snapshot());
    if (now === last) return;
    last = now;
  }
}

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  dir = mkdtempSync(join(tmpdir(), 'berth-fuzz-'));
  cluster = await useKubeCluster();
  engineProxy = await startEngineProxy(join(dir, 'engine.sock'), '/var/run/docker.sock', { quietEvents: true });
  const original = readFileSync(cluster.kubeconfig, 'utf8');
  const server = /server: https:\/\/([\d.]+):(\d+)/.exec(original);
  if (!server) throw new Error(`no server in ${cluster.kubeconfig}`);
  kubeProxy = await startTcpProxy(server[1] as string, Number(server[2]));
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, original.replace(server[0], `server: https://${kubeProxy.address}`), { mode: 0o600 });
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await engineProxy?.close();
  await kubeProxy?.close();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
  const total = figures.router + figures.bridge;
  process.stdout.write(
    `fuzz: ${total} messages (${figures.router} router, ${figures.bridge} web bridge; ${figures.invalid} invalid, ` +
      `${figures.valid} valid), 0 crashes, 0 engine or API-server calls for invalid input ` +
      `(valid inputs made ${figures.engineRequests} engine requests, ${figures.apiServerConnections} API-server connections)\n`,
  );
});

describe('fuzzing every contract method over the real router', () => {
  let backend: Backend;
  const calls = new Map<string, number>();
  const replies = new Map<number, ServerMessage>();

  beforeAll(async () => {
    backend = createBackend({
      shell: webShell,
      engineOverride: engineProxy.address,
      configDir: join(dir, 'config'),
      validateOutputs: 'fail',
    });
    // Count every call into the implementation (the router looks methods up at each message).
    const impl = backend.impl as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>;
    for (const [domain, fns] of Object.entries(impl)) {
      for (const [name, fn] of Object.entries(fns)) {
        fns[name] = (...args: unknown[]) => {
          calls.set(`${domain}.${name}`, (calls.get(`${domain}.${name}`) ?? 0) + 1);
          return fn(...args);
        };
      }
    }
    const deadline = Date.now() + 240_000; // the shared engine can be very slow on a loaded machine
    while (backend.services.engine.current.status !== 'connected' && Date.now() < deadline) await sleep(100);
    expect(backend.services.engine.current.status).toBe('connected');
    await sleep(500);
  });
  afterAll(() => backend?.dispose());

  it('covers every method of every domain', () => {
    expect(METHODS.length).toBeGreaterThan(90);
    expect(new Set(METHODS.map(([m]) => m.split('.')[0]))).toEqual(new Set(Object.keys(api)));
  });

  it('refuses every invalid input with invalid_input, reaching neither the implementation, the engine nor the API server', async () => {
    const connection = backend.router.connect((m) => replies.set(m.id, m));
    await settle();
    const before = snapshot();
    const all = cases(true, 0).filter((c) => !c.valid);
    let id = 1;
    for (const c of all) {
      const msgId = id++;
      expect(() =>
        connection.receive({
          type: c.def.kind === 'call' ? 'call' : 'subscribe',
          id: msgId,
          method: c.method,
          input: c.input,
        }),
      ).not.toThrow();
      const reply = replies.get(msgId);
      expect(reply, c.method).toBeDefined();
      expect(errorOf(reply)?.code, c.method).toBe('invalid_input');
    }
    // Whole messages that are not messages at all.
    const malformed = fc.sample(malformedMessages(true), { numRuns: 600, seed: SEED });
    for (const raw of malformed) {
      expect(() => connection.receive(raw)).not.toThrow();
    }
    for (const m of replies.values()) expect(isTyped(m), JSON.stringify(m)).toBe(true);
    connection.close();
    figures.router += all.length + malformed.length;
    figures.invalid += all.length + malformed.length;
    expect([...calls.entries()]).toEqual([]);
    expect(snapshot()).toEqual(before);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(all.length).toBeGreaterThan(1000);
  });

  it(
    'answers valid inputs to read-only methods with a valid result or a typed error',
    async () => {
      const before = snapshot();
      replies.clear();
      const connection = backend.router.connect((m) => {
        if (m.type !== 'event' || !replies.has(m.id)) replies.set(m.id, m);
      });
      const valid = cases(true, 10_000).filter((c) => c.valid && READ_ONLY.has(c.method));
      let id = 1;
      const streams: number[] = [];
      valid.forEach((c, n) => {
        const msgId = id++;
        const kind = c.def.kind === 'call' ? 'call' : 'subscribe';
        connection.receive({ type: kind, id: msgId, method: c.method, input: aimed(c, n) });
        if (kind === 'subscribe') streams.push(msgId);
      });
      // Every call answers; a stream may stay quiet until something happens (it is ended below).
      const callIds = valid.flatMap((c, i) => (c.def.kind === 'call' ? [i + 1] : []));
      const deadline = Date.now() + 240_000; // the shared engine can be very slow on a loaded machine
      while (callIds.some((i) => !replies.has(i)) && Date.now() < deadline) await sleep(100);
      await sleep(1000);
      for (const s of streams) connection.receive({ type: 'unsubscribe', id: s });
      connection.close();
      const missing = callIds.filter((i) => !replies.has(i)).map((i) => valid[i - 1]?.method);
      expect(missing).toEqual([]);
      for (const [msgId, m] of replies) {
        expect(isTyped(m), `${valid[msgId - 1]?.method}: ${JSON.stringify(m).slice(0, 300)}`).toBe(true);
        expect(errorOf(m)?.code, `${valid[msgId - 1]?.method}: ${JSON.stringify(errorOf(m))}`).not.toBe('internal');
      }
      figures.router += valid.length;
      figures.valid += valid.length;
      const after = snapshot();
      figures.engineRequests += after.engine - before.engine;
      figures.apiServerConnections += after.kubeConn - before.kubeConn;
      // The valid ones did go out: this is what the zero above is measured against.
      expect(after.engine).toBeGreaterThan(before.engine);
      expect(after.kubeBytes).toBeGreaterThan(before.kubeBytes);
      expect(unhandled).toEqual([]);
    },
    LONG,
  );
});

describe('fuzzing every contract method over the real web bridge (npm run web)', () => {
  let child: ChildProcess;
  let url: string;
  let stderr = '';

  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DOCKER_HOST: engineProxy.address,
      BERTH_KUBECONFIG: kubeconfig,
      BERTH_CONFIG_DIR: join(dir, 'web-config'),
      BERTH_VALIDATE_OUTPUTS: '1',
    };
    delete env.BERTH_DOCKER_HOST;
    child = spawn(process.execPath, [join(import.meta.dirname, '..', '..', 'dist', 'main', 'web.js')], { env });
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Berth web UI: (\S+)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`web exited ${code}: ${stderr}`)));
    });
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  const open = (): Promise<WebSocket> => {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${u.host}/api${u.search}`, { headers: { origin: `http://${u.host}` } });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  };

  /** Sends raw frames and waits for a reply to each of `ids`. */
  async function exchange(ws: WebSocket, frames: Array<string | Buffer>, ids: number[]) {
    const replies = new Map<number, ServerMessage>();
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.type !== 'event' || !replies.has(m.id)) replies.set(m.id, m);
    });
    for (const f of frames) ws.send(f);
    const deadline = Date.now() + 240_000; // the shared engine can be very slow on a loaded machine
    while (ids.some((i) => !replies.has(i)) && Date.now() < deadline) await sleep(100);
    return replies;
  }

  it('refuses every invalid input with a typed error and calls neither the engine nor the API server', async () => {
    const ws = await open();
    // Let the process finish connecting to the engine before counting.
    const ready = await exchange(ws, [JSON.stringify({ type: 'call', id: 0, method: 'system.info' })], [0]);
    expect(ready.get(0)).toMatchObject({ ok: true });
    await settle();
    ws.removeAllListeners('message');
    const before = snapshot();
    const all = cases(false, 20_000).filter((c) => !c.valid);
    const frames: string[] = [];
    const ids: number[] = [];
    all.forEach((c, i) => {
      const id = i + 1;
      ids.push(id);
      const type = c.def.kind === 'call' ? 'call' : 'subscribe';
      frames.push(JSON.stringify({ type, id, method: c.method, input: c.input }));
    });
    // What only a raw frame can carry: not JSON, cut-off JSON, deep nesting, binary frames.
    const malformed = fc
      .sample(malformedMessages(false), { numRuns: 400, seed: SEED + 1 })
      .map((m) => JSON.stringify(m) ?? 'undefined');
    const raw = [
      '',
      'not json',
      '{"type":"call","id":1',
      '['.repeat(100_000) + ']'.repeat(100_000),
      '{"a":'.repeat(50_000),
    ];
    const binary = [Buffer.from([0xff, 0xfe, 0x00]), Buffer.alloc(1024, 0x41)];
    const replies = await exchange(ws, frames, ids);
    // On a socket of their own, so their ids cannot collide with the cases'.
    const garbage = await open();
    await exchange(garbage, [...malformed, ...raw, ...binary], []);
    await sleep(1000);
    garbage.close();
    const missing = ids.filter((i) => !replies.has(i));
    expect(missing).toEqual([]);
    for (const id of ids) {
      const error = errorOf(replies.get(id));
      expect(error?.code, all[id - 1]?.method).toBe('invalid_input');
    }
    for (const m of replies.values()) expect(isTyped(m)).toBe(true);
    await sleep(500);
    expect(snapshot()).toEqual(before);
    figures.bridge += frames.length + malformed.length + raw.length + binary.length;
    figures.invalid += frames.length + malformed.length + raw.length + binary.length;
    ws.close();
    expect(child.exitCode).toBeNull();
  });

  it(
    'answers valid inputs to read-only methods, and the process is still up and answering',
    async () => {
      const ws = await open();
      const before = snapshot();
      const valid = cases(false, 30_000).filter((c) => c.valid && READ_ONLY.has(c.method));
      const frames = valid.map((c, i) =>
        JSON.stringify({
          type: c.def.kind === 'call' ? 'call' : 'subscribe',
          id: i + 1,
          method: c.method,
          input: aimed(c, i),
        }),
      );
      const ids = valid.flatMap((c, i) => (c.def.kind === 'call' ? [i + 1] : []));
      let closed = '';
      ws.on('close', (code, reason) => (closed = `${code} ${String(reason)}`));
      const replies = await exchange(ws, frames, ids);
      await sleep(1000);
      expect(closed).toBe('');
      expect(ids.filter((i) => !replies.has(i)).map((i) => valid[i - 1]?.method)).toEqual([]);
      expect(ids.filter((i) => !replies.has(i))).toEqual([]);
      for (const [id, m] of replies) {
        expect(isTyped(m)).toBe(true);
        expect(errorOf(m)?.code, `${valid[id - 1]?.method}: ${JSON.stringify(errorOf(m))}`).not.toBe('internal');
      }
      ws.close();
      figures.bridge += valid.length;
      figures.valid += valid.length;
      const after = snapshot();
      figures.engineRequests += after.engine - before.engine;
      figures.apiServerConnections += after.kubeConn - before.kubeConn;
      // Still up, still answering, and no output failed its schema.
      const again = await open();
      const last = await exchange(again, [JSON.stringify({ type: 'call', id: 1, method: 'system.info' })], [1]);
      expect(last.get(1)).toMatchObject({ ok: true });
      again.close();
      expect(child.exitCode).toBeNull();
      expect(stderr).not.toMatch(/does not match its schema|Unhandled|uncaught/i);
    },
    LONG,
  );
});
