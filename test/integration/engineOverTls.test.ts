/**
 * Berth connected to a dockerd listening on tcp with TLS and client-certificate checks (--tlsverify), the
 * certificates made with openssl by test/helpers/tlsEngine.ts: it works with the right CA and client
 * certificate (from DOCKER_CERT_PATH, as the CLI takes it, and from a docker context's stored material); a
 * wrong CA or a missing client certificate gives a clear error, and Berth never falls back to plain http
 * (a plain-http listener given as a TLS engine sees no request at all). An image build runs as a task there
 * (the engine's namespace cannot reach the test registry, so no pull), and the client key is looked for in
 * Berth's log, settings, that task's log and what the renderer got.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineState } from '../../contract/system';
import { createBackend } from '../../main/backend';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { docker, eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { startTlsEngine, type TlsEngine } from '../helpers/tlsEngine';
import { sessionLineWith } from '../helpers/logSession';
import { scanForSecrets } from '../helpers/secretScan';

let engine: TlsEngine;
const dirs: string[] = [];
const logged: string[] = [];
const seen: string[] = [];
const clients: InProcessClient[] = [];
/** The logs of the tasks run over TLS. */
const taskLogs: string[] = [];

function open(env: NodeJS.ProcessEnv, engineOverride?: string): { client: InProcessClient; states: EngineState[] } {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-tls-config-'));
  const home = mkdtempSync(join(tmpdir(), 'berth-tls-home-'));
  dirs.push(configDir, home);
  const base = { ...process.env };
  for (const k of [
    'DOCKER_HOST',
    'DOCKER_CONTEXT',
    'DOCKER_TLS_VERIFY',
    'DOCKER_CERT_PATH',
    'DOCKER_CONFIG',
    'BERTH_DOCKER_HOST',
  ]) {
    delete base[k];
  }
  const backend = createBackend({
    shell: webShell,
    configDir,
    engineOverride,
    validateOutputs: 'fail',
    log: (m) => logged.push(m),
    engineEnv: { ...defaultEndpointEnv(), env: { ...base, ...env }, home },
  });
  const client = connectInProcess(backend);
  clients.push(client);
  client.listeners.add((m) => seen.push(JSON.stringify(m)));
  const states: EngineState[] = [];
  client.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s) });
  return { client, states };
}

const settled = (states: EngineState[]) =>
  eventually(
    'the engine connection to settle',
    () => {
      const last = states[states.length - 1];
      return last && last.status !== 'connecting' ? last : undefined;
    },
    60_000,
  );

beforeAll(async () => {
  engine = await startTlsEngine();
  // One image on it, so a container can run there.
  await docker('save', FIXTURE_BUSYBOX, '-o', join(tmpdir(), 'berth-tls-busybox.tar'));
  await docker('-H', `unix://${engine.socket}`, 'load', '-i', join(tmpdir(), 'berth-tls-busybox.tar'));
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await engine?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'berth-tls-busybox.tar'), { force: true });
});

describe('an engine on tcp with TLS (dockerd --tlsverify in its own network namespace)', () => {
  it('connects with the right CA and client certificate from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
    const { client, states } = open({
      DOCKER_HOST: engine.url,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: engine.certDir('good'),
    });
    const state = await settled(states);
    expect(state.status).toBe('connected');
    expect(state.transport).toBe('tls');
    expect(state.source).toBe('DOCKER_HOST');
    const name = `berth-test-remote-tls-${process.pid}`;
    const run = await client.api.containers.run({ image: FIXTURE_BUSYBOX, name, command: ['echo', 'over-tls'] });
    await eventually('the container in the list', async () =>
      (await client.api.containers.list({ all: true })).some((c) => c.id === run.id),
    );
    const images = await client.api.images.list();
    expect(images.some((i) => i.repoTags.includes(FIXTURE_BUSYBOX))).toBe(true);
    // The Logs tab's log session, over the TLS transport.
    const line = await sessionLineWith(client.api, run.id, 'over-tls', 60_000);
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("uses a docker context's stored TLS material (contexts/tls/<hash>/docker)", async () => {
    const config = mkdtempSync(join(tmpdir(), 'berth-tls-docker-config-'));
    dirs.push(config);
    const hash = createHash('sha256').update('tls-remote').digest('hex');
    mkdirSync(join(config, 'contexts', 'meta', hash), { recursive: true });
    writeFileSync(
      join(config, 'contexts', 'meta', hash, 'meta.json'),
      JSON.stringify({
        Name: 'tls-remote',
        Metadata: {},
        Endpoints: { docker: { Host: engine.url, SkipTLSVerify: false } },
      }),
    );
    cpSync(engine.certDir('good'), join(config, 'contexts', 'tls', hash, 'docker'), { recursive: true });
    writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'tls-remote' }));
    const { client, states } = open({ DOCKER_CONFIG: config });
    const state = await settled(states);
    expect(state).toMatchObject({ status: 'connected', transport: 'tls', context: 'tls-remote' });
    const contexts = await client.api.system.contexts();
    expect(contexts.contexts.find((c) => c.name === 'tls-remote')).toMatchObject({
      tls: true,
      tlsVerify: true,
      current: true,
      inUse: true,
      local: false,
    });
    // The docker CLI, pointed the way Berth points compose, reaches the same engine.
    expect(
      await docker('--context', 'tls-remote', '--config', config, 'version', '--format', '{{.Server.Version}}'),
    ).toBe(state.version);
  });

  it('builds an image as a task on the TLS engine, and only there', async () => {
    const { client, states } = open({
      DOCKER_HOST: engine.url,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: engine.certDir('good'),
    });
    expect((await settled(states)).status).toBe('connected');
    const context = mkdtempSync(join(tmpdir(), 'berth-tls-build-'));
    dirs.push(context);
    const marker = `built-over-tls-${process.pid}`;
    // No RUN: BuildKit would run it on the bridge network, which this engine has none of (privateDockerdArgs).
    writeFileSync(join(context, 'marker'), `${marker}\n`);
    writeFileSync(join(context, 'Dockerfile'), `FROM ${FIXTURE_BUSYBOX}\nCOPY marker /marker\n`);
    const tag = `berth-test-tls-build:${process.pid}`;
    const { taskId } = await client.api.images.build({ context, tags: [tag] });
    const task = await client.api.tasks.wait({ id: taskId });
    const log = (await client.api.tasks.log({ id: taskId })).lines;
    taskLogs.push(...log);
    expect(task.state, log.join('\n')).toBe('succeeded');
    expect(log.join('\n')).toMatch(/COPY marker \/marker/);
    expect(await docker('-H', `unix://${engine.socket}`, 'run', '--rm', tag, 'cat', '/marker')).toBe(marker);
    await expect(docker('image', 'inspect', tag)).rejects.toThrow(/No such image/);
  });

  it('refuses an engine whose certificate is not signed by the CA it was given', async () => {
    const { states } = open({
      DOCKER_HOST: engine.url,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: engine.certDir('wrongCa'),
    });
    const state = await settled(states);
    expect(state.status).toBe('unreachable');
    expect(state.error).toMatch(/TLS certificate is not signed by the CA Berth was given/);
    expect(state.hint).toMatch(/never falls back to plain http/);
  });

  it('says so when the engine asks for a client certificate Berth does not have', async () => {
    const { states } = open({
      DOCKER_HOST: engine.url,
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: engine.certDir('noClientCert'),
    });
    const state = await settled(states);
    expect(state.status).toBe('unreachable');
    expect(state.error).toMatch(/asks for a client certificate that Berth does not have/);
  });

  it('never falls back to plain http: a plain-http listener given as a TLS engine sees no request', async () => {
    let requests = 0;
    const server: Server = createServer((_req, res) => {
      requests += 1;
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as AddressInfo).port;
    try {
      const { states } = open({
        DOCKER_HOST: `tcp://127.0.0.1:${port}`,
        DOCKER_TLS_VERIFY: '1',
        DOCKER_CERT_PATH: engine.certDir('good'),
      });
      const state = await settled(states);
      expect(state.status).toBe('unreachable');
      expect(state.error).toMatch(/did not answer in TLS/);
      // Wait for a retry, too: still TLS, still no plain request.
      await eventually('a second attempt', () => states.filter((s) => s.status === 'unreachable').length >= 2, 30_000);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it("never lets the client key into Berth's log, settings, the build task's log or what the renderer got", () => {
    expect(seen.length).toBeGreaterThan(0);
    expect(taskLogs.length).toBeGreaterThan(0);
    expect(
      scanForSecrets([{ name: 'the TLS client key', text: engine.clientKey }], {
        texts: [...logged, ...taskLogs, ...seen],
        dirs: dirs.filter((d) => d.includes('berth-tls-config-')),
      }),
    ).toEqual([]);
  });
});
