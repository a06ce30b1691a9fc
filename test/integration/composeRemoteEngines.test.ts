/**
 * Compose through Berth against remote engines, as a user picks them: (a) the TLS engine of
 * test/helpers/tlsEngine.ts (dockerd --tlsverify in its own network namespace) through a docker context that
 * `docker context create` gave its CA, client certificate and key, chosen in Berth's engine picker; (b) an
 * ssh:// engine typed into Settings: sshd in its own network namespace (test/helpers/sshEngineHost.ts) whose
 * user's `docker` reaches a private dockerd, so the remote engine is not this machine's. The compose CLI's own
 * ssh is the helper's wrapper on PATH (the same key and host key as Berth's). Compose up runs as a task with
 * a build, down removes the stack; the containers are checked with the docker CLI on the remote engine and
 * on this machine's (where there must be none), and the task logs and Berth's log are scanned for the keys.
 * docker-compose v1 always; the Compose v5 plugin too once test/engines/build.sh has built it. Debian's
 * docker-compose v1 cannot reach ssh:// at all without the Python package paramiko (CI installs Debian's
 * python3-paramiko): on a machine without it the test asserts the error Berth shows instead, and says so.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineState } from '../../contract/system';
import { createBackend } from '../../main/backend';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { FIXTURES, project, watchStacks } from '../helpers/compose';
import { DEBIAN_HOST, PLUGINS_DIR } from '../helpers/engines';
import { secondEngine, type SecondEngine } from '../helpers/secondEngine';
import { startSshEngineHost, type SshEngineHost } from '../helpers/sshEngineHost';
import { startTlsEngine, type TlsEngine } from '../helpers/tlsEngine';
import { scanForSecrets } from '../helpers/secretScan';

const exec = promisify(execFile);

const V5_BUILT = existsSync(join(PLUGINS_DIR, 'docker-compose'));
const CLIS = [
  { cli: 'docker-compose v1', binary: 'docker-compose', command: 'docker-compose', v5: false },
  ...(V5_BUILT ? [{ cli: 'Compose v5', binary: 'docker', command: 'docker compose', v5: true }] : []),
];
if (!V5_BUILT) console.log(`[composeRemoteEngines] no Compose v5 plugin in ${PLUGINS_DIR}: docker-compose v1 only`);

/**
 * docker-py (compose v1) makes its ssh:// adapter only when paramiko imports, even to run the ssh client;
 * asked of the Python that runs docker-compose (its #! line), not whichever python3 is first on PATH.
 */
const PARAMIKO = (() => {
  try {
    const program = execFileSync('sh', ['-c', 'command -v docker-compose'], { encoding: 'utf8' }).trim();
    const python = /^#!\s*(\S+)/.exec(readFileSync(program, 'utf8'))?.[1] ?? 'python3';
    execFileSync(python, ['-c', 'import paramiko'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const TRANSPORT_VARS = ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'BERTH_DOCKER_HOST'];

let tls: TlsEngine;
let remote: SecondEngine;
let ssh: SshEngineHost;
const dockerConfig = mkdtempSync(join(tmpdir(), 'berth-remote-compose-docker-config-'));
const folders: string[] = [];
const saved: NodeJS.ProcessEnv = {};
const logged: string[] = [];
/** Compose projects the tests brought up, removed from every engine afterwards. */
const projects: string[] = [];
const clients: InProcessClient[] = [];

/** The docker CLI against one engine, with this file's DOCKER_CONFIG and nothing else chosen. */
async function dockerAt(host: string, ...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: host };
  delete env.DOCKER_CONTEXT;
  const { stdout } = await exec('docker', args, { env, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}
const onThisMachine = (...args: string[]) => dockerAt(DEBIAN_HOST, ...args);
const stackOn = (host: string, p: string) =>
  dockerAt(host, 'ps', '-a', '--format', '{{.Names}}', '--filter', `label=com.docker.compose.project=${p}`).then(
    (out) => out.split('\n').filter(Boolean).sort(),
  );

/** Berth with its own settings; engines as this process sees them, ssh keys and known_hosts from the ssh host's fake home. */
function openBerth(): { client: InProcessClient; states: EngineState[] } {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-remote-compose-settings-'));
  folders.push(configDir);
  const env = { ...process.env };
  delete env.SSH_AUTH_SOCK;
  const backend = createBackend({
    shell: webShell,
    configDir,
    validateOutputs: 'fail',
    log: (m) => logged.push(m),
    engineEnv: { ...defaultEndpointEnv(), env, home: ssh.home },
  });
  const client = connectInProcess(backend);
  clients.push(client);
  const states: EngineState[] = [];
  client.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s) });
  return { client, states };
}

const connectedTo = (states: EngineState[], what: (s: EngineState) => boolean) =>
  eventually(
    'Berth connected to the remote engine',
    () => {
      const last = states[states.length - 1];
      return last?.status === 'connected' && what(last) ? last : undefined;
    },
    90_000,
  );

/**
 * The built-pair fixture (a built `web` and `cache` from the busybox fixture), its build without a network:
 * the test engines run without the default bridge (privateDockerdArgs), which BuildKit's RUN would join.
 */
function pair(): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-remote-compose-'));
  folders.push(dir);
  cpSync(join(FIXTURES, 'built-pair'), dir, { recursive: true });
  const file = join(dir, 'compose.yaml');
  const text = readFileSync(file, 'utf8');
  if (!text.includes('    build: .\n')) throw new Error(`the built-pair fixture changed: ${file}`);
  writeFileSync(file, text.replace('    build: .\n', '    build:\n      context: .\n      network: none\n'));
  return file;
}

beforeAll(async () => {
  for (const k of [...TRANSPORT_VARS, 'DOCKER_CONFIG', 'PATH']) saved[k] = process.env[k];
  for (const k of TRANSPORT_VARS) delete process.env[k];
  if (V5_BUILT) symlinkSync(PLUGINS_DIR, join(dockerConfig, 'cli-plugins'));
  // Berth, compose and the CLI below all read their contexts from here.
  process.env.DOCKER_CONFIG = dockerConfig;

  tls = await startTlsEngine();
  remote = secondEngine();
  await remote.start();
  // The ssh user (in the docker group) reaches the private engine's socket: its folder must let it through.
  chmodSync(dirname(remote.socket), 0o711);
  ssh = await startSshEngineHost({ engineHost: remote.url });
  writeFileSync(join(ssh.home, '.ssh', 'known_hosts'), `${ssh.knownHostsLine()}\n`);
  // The compose CLI's (and the docker CLI's) own ssh: the wrapper with the same key and host key.
  process.env.PATH = `${ssh.cliSshDir()}:${saved.PATH ?? ''}`;

  await remote.loadImage(FIXTURE_BUSYBOX);
  const tar = join(dockerConfig, 'busybox.tar');
  await onThisMachine('save', FIXTURE_BUSYBOX, '-o', tar);
  await dockerAt(`unix://${tls.socket}`, 'load', '-i', tar);
  rmSync(tar);
  const certs = tls.certDir('good');
  await exec(
    'docker',
    [
      'context',
      'create',
      'tls-remote',
      '--description',
      'dockerd --tlsverify in a network namespace',
      '--docker',
      `host=${tls.url},ca=${join(certs, 'ca.pem')},cert=${join(certs, 'cert.pem')},key=${join(certs, 'key.pem')}`,
    ],
    { env: process.env },
  );
}, 240_000);

async function purge(host: string, p: string): Promise<void> {
  const label = `label=com.docker.compose.project=${p}`;
  const ids = (await dockerAt(host, 'ps', '-aq', '--filter', label).catch(() => '')).split('\n').filter(Boolean);
  if (ids.length) await dockerAt(host, 'rm', '-f', ...ids).catch(() => '');
  await dockerAt(host, 'network', 'rm', `${p}_default`).catch(() => '');
  await dockerAt(host, 'rmi', '-f', `${p}-web`, `${p}_web`).catch(() => '');
}

afterAll(async () => {
  for (const c of clients) c.close();
  // This machine's engine too: a compose that went to the wrong engine must leave nothing behind.
  for (const p of projects) {
    for (const host of [DEBIAN_HOST, ...(tls ? [`unix://${tls.socket}`] : []), ...(remote ? [remote.url] : [])]) {
      await purge(host, p);
    }
  }
  await ssh?.stop();
  await remote?.dispose();
  await tls?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  for (const d of [dockerConfig, ...folders]) rmSync(d, { recursive: true, force: true });
});

describe.each(CLIS)('$cli against remote engines', ({ binary, command, v5 }) => {
  /** Up (a task, with the build) and down through Berth; the stack checked on `engineHost` and on this machine. */
  async function upAndDown(client: InProcessClient, engineHost: string, key: { name: string; text: string }) {
    const api = client.api;
    await api.settings.update({ composeBinary: binary });
    expect((await api.compose.tool()).command).toBe(command);
    const p = project('remote');
    projects.push(p);
    const { stacks, sub } = watchStacks(api);
    try {
      const { taskId } = await api.compose.up({ file: pair(), project: p, build: true });
      const task = await api.tasks.wait({ id: taskId });
      const log = (await api.tasks.log({ id: taskId })).lines;
      expect(task.error, log.join('\n')).toBeUndefined();
      expect(task.state).toBe('succeeded');
      expect(task.steps.find((s) => s.id === 'service:web')?.status).toBe('running');
      expect(task.steps.find((s) => s.id === 'service:cache')?.status).toBe('running');
      const names = v5 ? [`${p}-cache-1`, `${p}-web-1`] : [`${p}_cache_1`, `${p}_web_1`];
      // On the remote engine, built there; none on this machine's.
      expect(await stackOn(engineHost, p)).toEqual(names);
      expect(await stackOn(DEBIAN_HOST, p)).toEqual([]);
      expect(await dockerAt(engineHost, 'exec', names[1]!, 'cat', '/built.txt')).toBe('built for berth');
      await eventually('the stack running in Berth’s live list', () => stacks.get(p)?.state === 'running', 60_000);

      const down = await api.compose.down({ project: p, removeVolumes: false });
      const downTask = await api.tasks.wait({ id: down.taskId });
      const downLog = (await api.tasks.log({ id: down.taskId })).lines;
      expect(downTask.state, downLog.join('\n')).toBe('succeeded');
      expect(await stackOn(engineHost, p)).toEqual([]);
      await eventually('the stack gone from Berth’s live list', () => !stacks.has(p), 60_000);

      expect(log.length).toBeGreaterThan(0);
      expect(scanForSecrets([key], { texts: [...log, ...downLog, ...logged], dirs: [] })).toEqual([]);
    } finally {
      sub.unsubscribe();
    }
  }

  it('up and down run on the TLS engine of the docker context picked in Berth, not on this machine', async () => {
    const { client, states } = openBerth();
    await client.api.system.useContext({ name: 'tls-remote' });
    const state = await connectedTo(states, (s) => s.context === 'tls-remote');
    expect(state).toMatchObject({ transport: 'tls', local: false, endpoint: tls.url });
    await upAndDown(client, `unix://${tls.socket}`, { name: 'the TLS client key', text: tls.clientKey });
  }, 300_000);

  // docker-compose v1 without paramiko cannot do ssh:// at all: then the test is of the error Berth shows.
  const sshWorks = v5 || PARAMIKO;
  const sshTest = sshWorks
    ? 'up and down run on the ssh:// engine set in Settings, not on this machine'
    : 'cannot reach the ssh:// engine set in Settings without python3-paramiko: the up task says so, and what to do';
  it(
    sshTest,
    async () => {
      const { client, states } = openBerth();
      const api = client.api;
      await api.settings.update({ engineHost: ssh.url });
      const state = await connectedTo(states, (s) => s.endpoint === ssh.url);
      expect(state).toMatchObject({ transport: 'ssh', local: false });
      const key = { name: 'the ssh client key', text: ssh.clientKey };
      if (sshWorks) return upAndDown(client, remote.url, key);

      await api.settings.update({ composeBinary: binary });
      expect((await api.compose.tool()).command).toBe(command);
      const p = project('remote-v1-ssh');
      projects.push(p);
      const { taskId } = await api.compose.up({ file: pair(), project: p, build: true });
      const task = await api.tasks.wait({ id: taskId });
      expect(task.state).toBe('failed');
      expect(task.error).toMatchObject({
        code: 'tool_missing',
        message: expect.stringMatching(/cannot reach an ssh:\/\/ engine without the Python package paramiko/),
        hint: expect.stringMatching(/python3-paramiko/),
      });
      // Nothing went anywhere else instead.
      expect(await stackOn(remote.url, p)).toEqual([]);
      expect(await stackOn(DEBIAN_HOST, p)).toEqual([]);
      const log = (await api.tasks.log({ id: taskId })).lines;
      expect(log.length).toBeGreaterThan(0);
      expect(scanForSecrets([key], { texts: [...log, ...logged], dirs: [] })).toEqual([]);
    },
    300_000,
  );
});
