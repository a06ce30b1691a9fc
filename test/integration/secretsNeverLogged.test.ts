/**
 * No secret leaves Berth: a real Berth process (`node dist/main/web.js`, as `npm run web` runs it, with its
 * most talkative logs on) is used through its WebSocket the way the renderer uses it — a registry login over
 * TLS (a wrong password, then the right one), a push and a pull with it, a logout; Kubernetes calls with a
 * service-account token, with a wrong token and with a client key; a Secret applied from YAML. Then every
 * secret is looked for (as is, and base64-encoded) in what the process printed (its log and any crash
 * output), every message the renderer received, every task log, and every file in its config folder; and
 * the settings file must be readable by its owner only (0600).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import type { ServerMessage } from '../../contract/protocol';
import { FIXTURE_BUSYBOX, uniqueName } from '../helpers/docker';
import { useTempDockerConfig } from '../helpers/engines';
import { startTlsRegistry, type TlsRegistry } from '../helpers/tlsRegistry';
import { startWebBerth, type WebBerth } from '../helpers/webBerth';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';

const exec = promisify(execFile);
const rand = () => Math.random().toString(36).slice(2);
const USER = 'berth-secrets';
const PASSWORD = `Pw-${rand()}-ß!$"'\`;x`;
const WRONG_PASSWORD = `Wrong-${rand()}-pw`;
const WRONG_TOKEN = `eyJhbGciOiJSUzI1NiJ9.wrong-${rand()}${rand()}`;
const SECRET_VALUE = `s3cret-value-${rand()}${rand()}`;

let dir: string;
let configDir: string;
let kubeconfig: string;
let registry: TlsRegistry;
let dockerConfig: ReturnType<typeof useTempDockerConfig>;
let cluster: KubeCluster;
let namespace: string;
let token = '';
let clientKey = '';
let child: ChildProcess;
let berth: WebBerth;
const received: string[] = [];
const tags: string[] = [];

/** Every form a secret could be written in. */
function forms(secret: string): string[] {
  const out = [
    secret,
    Buffer.from(secret).toString('base64'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
  return [...new Set(out)].filter((s) => s.length >= 8);
}

let ws: WebSocket;
let nextId = 1;
function call(method: string, input?: unknown): Promise<ServerMessage> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (d: WebSocket.RawData) => {
      const m = JSON.parse(String(d)) as ServerMessage;
      if (m.id === id && m.type === 'result') {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, input }));
  });
}
async function ok(method: string, input?: unknown): Promise<unknown> {
  const m = await call(method, input);
  if (m.type !== 'result' || !m.ok) throw new Error(`${method}: ${JSON.stringify(m)}`);
  return m.value;
}
async function waitTask(method: string, input: unknown): Promise<{ state: string }> {
  const { taskId } = (await ok(method, input)) as { taskId: string };
  return (await ok('tasks.wait', { id: taskId })) as { state: string };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-secrets-'));
  configDir = join(dir, 'config');
  dockerConfig = useTempDockerConfig();
  registry = await startTlsRegistry(USER, PASSWORD);
  cluster = await useKubeCluster();
  namespace = testNamespace();
  await kubectl('create', 'namespace', namespace);
  await kubectl('create', 'serviceaccount', 'berth-secrets', '-n', namespace);
  await kubectl(
    'create',
    'rolebinding',
    'berth-secrets',
    '--clusterrole=admin',
    `--serviceaccount=${namespace}:berth-secrets`,
    '-n',
    namespace,
  );
  token = await kubectl('create', 'token', 'berth-secrets', '-n', namespace, '--duration=15m');
  // Berth's kubeconfig: the admin's client key, the service account's token, and a wrong token.
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, readFileSync(cluster.kubeconfig, 'utf8'), { mode: 0o600 });
  const kc = (...args: string[]) => exec('kubectl', ['--kubeconfig', kubeconfig, 'config', ...args]);
  const clusterName = (await kc('view', '-o', 'jsonpath={.clusters[0].name}')).stdout.trim();
  clientKey = (await kc('view', '--raw', '-o', 'jsonpath={.users[0].user.client-key-data}')).stdout.trim();
  expect(clientKey.length).toBeGreaterThan(100);
  await kc('set-credentials', 'sa', `--token=${token}`);
  await kc('set-context', 'berth-token', `--cluster=${clusterName}`, '--user=sa', `--namespace=${namespace}`);
  await kc('set-credentials', 'wrong', `--token=${WRONG_TOKEN}`);
  await kc('set-context', 'berth-wrong-token', `--cluster=${clusterName}`, '--user=wrong');

  berth = await startWebBerth(configDir, {
    BERTH_KUBECONFIG: kubeconfig,
    DOCKER_CONFIG: dockerConfig.dir,
    BERTH_KUBE_DEBUG: '1',
    BERTH_VALIDATE_OUTPUTS: '1',
  });
  child = berth.child;
  ws = berth.ws;
  ws.on('message', (d) => received.push(String(d)));
});

afterAll(async () => {
  ws?.close();
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  for (const t of tags) await exec('docker', ['rmi', '-f', t]).catch(() => undefined);
  await registry?.stop();
  dockerConfig?.dispose();
  if (namespace) await deleteNamespaces(namespace);
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('secrets never leave Berth (a real web process)', () => {
  it('signs in to a registry, pushes and pulls with it, and signs out', async () => {
    const refused = await call('images.login', { server: registry.host, username: USER, password: WRONG_PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'failed' } });
    await ok('images.login', { server: registry.host, username: USER, password: PASSWORD });
    const tag = `${registry.host}/berth-secrets/x:${uniqueName('v')}`;
    tags.push(tag);
    await exec('docker', ['tag', FIXTURE_BUSYBOX, tag]);
    expect((await waitTask('images.push', { reference: tag })).state).toBe('succeeded');
    await exec('docker', ['rmi', tag]);
    expect((await waitTask('images.pull', { reference: tag })).state).toBe('succeeded');
    await ok('images.logout', { server: registry.host });
    expect((await waitTask('images.push', { reference: tag })).state).toBe('failed');
  });

  it('uses a token, a wrong token and a client key against the API server, and applies a Secret', async () => {
    expect(await ok('kube.status', { context: 'berth-token' })).toBeTruthy();
    expect(await ok('kube.status', { context: 'berth-test' })).toBeTruthy();
    // A wrong token: the status says so, and a call fails, without echoing it.
    expect(JSON.stringify(await call('kube.status', { context: 'berth-wrong-token' }))).toMatch(
      /401|nauthori|credential/i,
    );
    await call('kube.nodeMetrics', { context: 'berth-wrong-token' });
    const yaml = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: berth-secret }',
      `stringData: { password: "${SECRET_VALUE}" }`,
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: berth-secret-data }',
      `data: { password: "${Buffer.from(SECRET_VALUE).toString('base64')}" }`,
    ].join('\n');
    const applied = await call('kube.apply', { context: 'berth-token', namespace, yaml });
    expect(applied).toMatchObject({ ok: true });
    expect(await kubectl('get', 'secret', 'berth-secret', '-n', namespace, '-o', 'jsonpath={.data.password}')).toBe(
      Buffer.from(SECRET_VALUE).toString('base64'),
    );
    // Applied again (unchanged, then changed) and refused (a namespace the token may not write to).
    await call('kube.apply', { context: 'berth-token', namespace, yaml });
    const failed = (m: ServerMessage) =>
      JSON.stringify(m).includes('"action":"failed"') || (m.type === 'result' && !m.ok);
    expect(failed(await call('kube.apply', { context: 'berth-token', namespace: 'default', yaml }))).toBe(true);
    expect(failed(await call('kube.apply', { context: 'berth-wrong-token', namespace, yaml }))).toBe(true);
    // A live list with the token (its watch logs under BERTH_KUBE_DEBUG).
    const id = nextId++;
    const first = new Promise<ServerMessage>((resolve) => {
      const on = (d: WebSocket.RawData) => {
        const m = JSON.parse(String(d)) as ServerMessage;
        if (m.id === id) {
          ws.off('message', on);
          resolve(m);
        }
      };
      ws.on('message', on);
    });
    ws.send(
      JSON.stringify({ type: 'subscribe', id, method: 'kube.pods', input: { context: 'berth-token', namespace } }),
    );
    expect(await first).toMatchObject({ type: 'event' });
    await new Promise((r) => setTimeout(r, 1000));
    ws.send(JSON.stringify({ type: 'unsubscribe', id }));
    await ok('settings.update', { theme: 'dark' });
  });

  it('finds no secret in the log, crash output, the renderer, task logs or the config folder; settings are 0600', async () => {
    const taskIds = [...new Set(received.join('\n').match(/"taskId":"([^"]+)"/g) ?? [])].map((s) => s.slice(10, -1));
    expect(taskIds.length).toBeGreaterThanOrEqual(3);
    const taskLogs = await Promise.all(
      taskIds.map(async (id) => ((await ok('tasks.log', { id })) as { lines: string[] }).lines.join('\n')),
    );
    // Stop the process and keep what it printed on the way out too.
    ws.close();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    const files = readdirSync(configDir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => join(f.parentPath, f.name));
    expect(files.map((f) => f.slice(configDir.length + 1))).toContain('settings.json');
    expect(statSync(join(configDir, 'settings.json')).mode & 0o777).toBe(0o600);
    const places: Array<[string, string]> = [
      ['the process output', berth.output()],
      ['the renderer', received.join('\n')],
      ...taskLogs.map((t, i): [string, string] => [`task log ${taskIds[i]}`, t]),
      ...files.map((f): [string, string] => [f, readFileSync(f, 'latin1')]),
    ];
    expect(berth.output()).toContain('[kube]'); // the talkative logs were really on
    expect(received.length).toBeGreaterThan(10);
    expect(taskLogs.join('').length).toBeGreaterThan(0);
    const secrets: Array<[string, string]> = [
      ['registry password', PASSWORD],
      ['wrong registry password', WRONG_PASSWORD],
      ['registry credentials', `${USER}:${PASSWORD}`],
      ['service-account token', token],
      ['wrong token', WRONG_TOKEN],
      ['client key', clientKey],
      ...Buffer.from(clientKey, 'base64')
        .toString()
        .split('\n')
        .filter((l) => l.length > 40)
        .map((l): [string, string] => ['client key (PEM line)', l]),
      ['Secret value', SECRET_VALUE],
    ];
    for (const [where, text] of places) {
      for (const [what, secret] of secrets) {
        for (const form of forms(secret)) expect(text.includes(form), `${what} in ${where}`).toBe(false);
      }
    }
  });
});
