/**
 * Berth connected to an engine over ssh://, as to a remote Docker host: Debian's sshd in a network namespace
 * (test/helpers/sshEngineHost.ts), a key-only user whose shell runs `docker system dial-stdio`. Lists, run,
 * logs, exec and stats go through the tunnel; an image pull from the test registry runs as a task over it;
 * signing in through an ssh-agent (no key file left) to sshd on a port other than 22 works; an unknown host
 * key is refused with its fingerprint until the user trusts it (then it is in known_hosts and Berth connects);
 * a changed key is refused outright. The client key is looked for in Berth's log, settings, the task's log and
 * what the renderer got.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess, execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EngineState } from '../../contract/system';
import type { LogLine, StatsSample, TerminalEvent } from '../../contract/containers';
import { createBackend } from '../../main/backend';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { docker, eventually, FIXTURE_BUSYBOX, removeContainers, removeImages, uniqueName } from '../helpers/docker';
import { sessionLineWith } from '../helpers/logSession';
import { SSH_HOST_IP, SSH_USER, startSshEngineHost, type SshEngineHost } from '../helpers/sshEngineHost';
import { live } from '../helpers/collection';
import type { ContainerSummary } from '../../contract/containers';
import { scanForSecrets, type Secret } from '../helpers/secretScan';
import { deleteFromRegistry, REGISTRY } from '../helpers/registry';
import { stopProcess } from '../helpers/daemons';

const exec = promisify(execFile);

let host: SshEngineHost;
const created: string[] = [];
const configDirs: string[] = [];
/** Temporary HOMEs (they hold a copy of the client key, so they are not scanned for it). */
const homes: string[] = [];
const logged: string[] = [];
/** Every message the renderer side received, as JSON. */
const seen: string[] = [];
/** The logs of the tasks run over ssh. */
const taskLogs: string[] = [];
const images: string[] = [];
const registryRefs: Array<{ repo: string; tag: string }> = [];

/** Berth on `url`, with `home` as its HOME and `agent` as SSH_AUTH_SOCK (none unless given). */
function open(
  url: string,
  home = host.home,
  agent?: string,
): { client: InProcessClient; states: EngineState[]; configDir: string } {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-ssh-config-'));
  configDirs.push(configDir);
  const env = { ...process.env };
  delete env.SSH_AUTH_SOCK;
  if (agent) env.SSH_AUTH_SOCK = agent;
  delete env.DOCKER_HOST;
  const backend = createBackend({
    shell: webShell,
    engineOverride: url,
    configDir,
    validateOutputs: 'fail',
    log: (m) => logged.push(m),
    engineEnv: { ...defaultEndpointEnv(), env, home },
  });
  const client = connectInProcess(backend);
  client.listeners.add((m) => seen.push(JSON.stringify(m)));
  const states: EngineState[] = [];
  client.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s) });
  return { client, states, configDir };
}

const last = (states: EngineState[]) => states[states.length - 1];

beforeAll(async () => {
  host = await startSshEngineHost();
}, 180_000);

afterAll(async () => {
  await removeContainers(...created);
  await removeImages(...images);
  for (const r of registryRefs) await deleteFromRegistry(r.repo, r.tag);
  for (const d of [...configDirs, ...homes]) rmSync(d, { recursive: true, force: true });
  await host?.stop();
});

describe('an engine over ssh:// (sshd in its own network namespace)', () => {
  it('asks about an unknown host key with its fingerprint, and connects once the user trusts it', async () => {
    const { client, states } = open(host.url);
    try {
      const asked = await eventually('the unknown host key to be reported', () => last(states)?.hostKey, 60_000);
      expect(asked.status).toBe('unknown');
      expect(asked.fingerprint).toBe(await host.fingerprint());
      expect(last(states)?.status).toBe('unreachable');
      expect(last(states)?.error).toContain(asked.fingerprint);
      expect(last(states)?.retryAt).toBeUndefined(); // it waits for the user, it does not retry blindly

      const { file } = await client.api.system.trustHostKey({
        host: asked.host,
        port: asked.port,
        type: asked.type,
        key: asked.key,
        fingerprint: asked.fingerprint,
      });
      expect(file).toBe(join(host.home, '.ssh', 'known_hosts'));
      expect(readFileSync(file, 'utf8')).toContain(host.knownHostsLine());
      const connected = await eventually(
        'connected over ssh',
        () => (last(states)?.status === 'connected' ? last(states) : undefined),
        60_000,
      );
      expect(connected.transport).toBe('ssh');
      expect(connected.local).toBe(false);
      expect(connected.version).toBe(await docker('version', '--format', '{{.Server.Version}}'));
    } finally {
      client.close();
    }
  });

  it('lists, runs, reads logs, execs and streams stats over ssh', async () => {
    const { client, states } = open(host.url);
    try {
      await eventually('connected', () => last(states)?.status === 'connected', 60_000);
      const api = client.api;
      const name = uniqueName('remote-ssh');
      created.push(name);
      const containers = live<ContainerSummary>(
        (h) => api.containers.watch.subscribe(undefined, h),
        (c) => c.id,
      );
      const run = await api.containers.run({
        image: FIXTURE_BUSYBOX,
        name,
        command: ['sh', '-c', 'echo hello-over-ssh; while true; do sleep 1; done'],
      });
      await eventually(
        'the new container in the live list',
        () => [...containers.items.values()].find((c) => c.id === run.id && c.state === 'running'),
        120_000,
      );
      const listed = await api.containers.list({ all: true });
      expect(listed.some((c) => c.name === name)).toBe(true);

      const lines: LogLine[] = [];
      const logs = api.containers.logs.subscribe(
        { id: run.id, follow: true, tail: 'all' },
        { onEvent: (e) => lines.push(...e.lines) },
      );
      await eventually('the log line over ssh', () => lines.some((l) => l.text === 'hello-over-ssh'), 120_000);
      logs.unsubscribe();
      // The Logs tab's log session, through the ssh tunnel.
      await sessionLineWith(api, run.id, 'hello-over-ssh', 120_000);

      const output: string[] = [];
      let sessionId: string | undefined;
      const term = api.containers.terminal.subscribe(
        { id: run.id, command: ['sh', '-c', 'echo exec-$((6*7))'], cols: 80, rows: 24 },
        {
          onEvent: (e: TerminalEvent) => {
            if (e.type === 'started') sessionId = e.sessionId;
            if (e.type === 'output') output.push(e.data);
          },
        },
      );
      await eventually('exec output over ssh', () => output.join('').includes('exec-42'), 120_000);
      expect(sessionId).toBeDefined();
      term.unsubscribe();

      const samples: StatsSample[] = [];
      const stats = api.containers.stats.subscribe({ id: run.id }, { onEvent: (s) => samples.push(s) });
      await eventually('two stats samples over ssh', () => samples.length >= 2 && samples[1]!.memoryUsage > 0, 120_000);
      expect(samples[1]?.pids).toBeGreaterThan(0);
      stats.unsubscribe();
      containers.sub.unsubscribe();
    } finally {
      client.close();
    }
  }, 600_000);

  it('pulls from the registry as a task over ssh: the image lands on the engine, the task log says what was pulled', async () => {
    // A tag of its own in the registry, so nothing else pulling or removing busybox is disturbed.
    const repo = `berth/ssh-pull-${process.pid}`;
    const ref = `${REGISTRY}/${repo}:latest`;
    images.push(ref);
    registryRefs.push({ repo, tag: 'latest' });
    await docker('tag', FIXTURE_BUSYBOX, ref);
    await docker('push', ref);
    await docker('rmi', ref);
    const { client, states } = open(host.url);
    try {
      await eventually('connected', () => last(states)?.status === 'connected', 60_000);
      const { taskId } = await client.api.images.pull({ reference: ref });
      const task = await client.api.tasks.wait({ id: taskId });
      const log = (await client.api.tasks.log({ id: taskId })).lines;
      taskLogs.push(...log);
      expect(task.state, log.join('\n')).toBe('succeeded');
      expect(task.result).toMatchObject({ reference: ref, digest: expect.stringMatching(/^sha256:/) });
      expect(log.join('\n')).toContain(`Pulling ${ref}`);
      // The engine at the other end of the tunnel has it now.
      expect(await docker('image', 'inspect', '-f', '{{.Id}}', ref)).toBe(
        await docker('image', 'inspect', '-f', '{{.Id}}', FIXTURE_BUSYBOX),
      );
    } finally {
      client.close();
    }
  }, 300_000);

  it('reads ~/.ssh/config: a Host alias gives the HostName, User and an IdentityFile at a path ssh would not try', async () => {
    // A temporary HOME: the host key trusted above, the client key only under a name of its own, and the alias.
    const home = mkdtempSync(join(tmpdir(), 'berth-ssh-home-'));
    homes.push(home);
    mkdirSync(join(home, '.ssh', 'keys'), { recursive: true, mode: 0o700 });
    copyFileSync(join(host.home, '.ssh', 'known_hosts'), join(home, '.ssh', 'known_hosts'));
    copyFileSync(join(host.home, '.ssh', 'id_ed25519'), join(home, '.ssh', 'keys', 'build-server'));
    writeFileSync(
      join(home, '.ssh', 'config'),
      `Host berth-build\n  HostName ${SSH_HOST_IP}\n  User ${SSH_USER}\n  Port 22\n  IdentityFile ~/.ssh/keys/build-server\n  IdentitiesOnly yes\n`,
    );
    const { client, states } = open('ssh://berth-build', home);
    try {
      const state = await eventually(
        'connected through the alias',
        () => (last(states)?.status === 'connected' ? last(states) : undefined),
        60_000,
      );
      expect(state).toMatchObject({ endpoint: 'ssh://berth-build', transport: 'ssh', local: false });
      expect(Array.isArray(await client.api.containers.list({ all: true }))).toBe(true);
    } finally {
      client.close();
    }
    // Without the config the alias is no host at all: the same URL fails, so it was the config that worked.
    rmSync(join(home, '.ssh', 'config'));
    const without = open('ssh://berth-build', home);
    try {
      const failed = await eventually(
        'the alias to fail without ~/.ssh/config',
        () => (last(without.states)?.status === 'unreachable' ? last(without.states) : undefined),
        60_000,
      );
      expect(failed.error).toBeTruthy();
    } finally {
      without.client.close();
    }
  }, 300_000);

  it('notices a host that vanished from the network, and reconnects by itself when it is back', async () => {
    const { client, states } = open(host.url);
    try {
      await eventually('connected', () => last(states)?.status === 'connected', 60_000);
      await host.cutNetwork();
      try {
        // ssh keepalives (every 10 s, 3 missed) or the remote heartbeat (a ping every 15 s) notice it.
        const lost = await eventually(
          'the engine to be reported unreachable',
          () => (last(states)?.status === 'unreachable' ? last(states) : undefined),
          150_000,
        );
        expect(lost.error).toBeTruthy();
        expect(lost.retryAt).toBeGreaterThan(0);
        // Calls meanwhile fail with an error instead of hanging.
        const hung = new Promise((resolve) => setTimeout(() => resolve('still waiting after 150 s'), 150_000).unref());
        const answer = await Promise.race([
          client.api.containers.list({ all: true }).then(
            () => 'listed',
            (e: unknown) => e,
          ),
          hung,
        ]);
        expect(answer).toMatchObject({ code: 'engine_unreachable' });
      } finally {
        await host.restoreNetwork();
      }
      await eventually('connected again', () => last(states)?.status === 'connected', 150_000);
    } finally {
      client.close();
    }
  }, 600_000);

  it('gives a clear error when a remote engine accepts the connection and never answers', async () => {
    const silent: net.Socket[] = [];
    const server = net.createServer((s) => void silent.push(s));
    await new Promise<void>((r) => server.listen(0, host.hostSideIp, () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const { client, states } = open(`tcp://${host.hostSideIp}:${port}`);
    try {
      const state = await eventually(
        'the silent engine to be given up on',
        () => (last(states)?.status === 'unreachable' ? last(states) : undefined),
        150_000,
      );
      // Whichever ends first: the connect deadline, or the stalled-engine ping of a call that waited (callGuard).
      expect(state.error).toMatch(/did not answer within \d+ s|stopped answering \(not even a ping within \d+ s\)/);
      expect(state.hint).toMatch(/keeps trying|reconnects by itself/);
      expect(state.local).toBe(false);
    } finally {
      client.close();
      for (const s of silent) s.destroy();
      server.close();
    }
  });

  it('signs in through an ssh-agent, with no key file left, to sshd on a port other than 22', async () => {
    const name = uniqueName('ssh-agent');
    created.push(name);
    await docker('create', '--name', name, FIXTURE_BUSYBOX, 'true');
    const url = await host.listenOn(2222);
    const home = mkdtempSync(join(tmpdir(), 'berth-ssh-agent-home-'));
    homes.push(home);
    mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
    // The host key for [host]:2222, as ssh records a host on another port.
    writeFileSync(join(home, '.ssh', 'known_hosts'), `${host.knownHostsLine()}\n`);
    const key = join(home, '.ssh', 'id_ed25519');
    copyFileSync(join(host.home, '.ssh', 'id_ed25519'), key);
    const sock = join(home, 'agent.sock');
    let agent: ChildProcess | undefined;
    try {
      agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
      await eventually('ssh-agent to listen', () => existsSync(sock));
      await exec('ssh-add', [key], { env: { ...process.env, SSH_AUTH_SOCK: sock } });
      rmSync(key);
      expect((await exec('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: sock } })).stdout).toContain(
        'berth-test-client',
      );
      expect(url).toBe(`ssh://${SSH_USER}@${SSH_HOST_IP}:2222`);

      const { client, states } = open(url, home, sock);
      try {
        const state = await eventually(
          'connected through the agent on port 2222',
          () => (last(states)?.status === 'connected' ? last(states) : undefined),
          60_000,
        );
        expect(state).toMatchObject({ endpoint: url, transport: 'ssh', local: false });
        const listed = await client.api.containers.list({ all: true });
        expect(listed.find((c) => c.name === name)).toMatchObject({ state: 'created' });
      } finally {
        client.close();
      }

      // Without the agent there is nothing to sign in with; on port 22 nothing listens now.
      for (const [what, other] of [
        ['no agent', open(url, home)],
        ['port 22', open(host.url, home, sock)],
      ] as const) {
        try {
          const failed = await eventually(
            `${what}: unreachable`,
            () => (last(other.states)?.status === 'unreachable' ? last(other.states) : undefined),
            60_000,
          );
          if (what === 'no agent') expect(failed.error).toMatch(/no ssh agent/);
          else expect(failed.error).toBeTruthy();
        } finally {
          other.client.close();
        }
      }
    } finally {
      await stopProcess(agent);
      await host.listenOn(22);
    }
  }, 300_000);

  it('refuses a changed host key outright, naming both the danger and the fix', async () => {
    await host.rotateHostKey();
    const { client, states } = open(host.url);
    try {
      const refused = await eventually('the changed key to be refused', () => last(states)?.hostKey, 60_000);
      expect(refused.status).toBe('changed');
      expect(refused.fingerprint).toBe(await host.fingerprint());
      expect(last(states)?.error).toMatch(/CHANGED/);
      expect(last(states)?.hint).toContain('ssh-keygen -R');
      const offered = { host: refused.host, port: refused.port, type: refused.type, key: refused.key };
      await expect(
        client.api.system.trustHostKey({ ...offered, fingerprint: refused.fingerprint }),
      ).rejects.toMatchObject({
        code: 'conflict',
      });
    } finally {
      client.close();
    }
  });

  it("never lets the client key into Berth's log, settings, the pull task's log or what the renderer got", () => {
    const secrets: Secret[] = [{ name: 'the ssh client key', text: host.clientKey }];
    expect(configDirs.length).toBeGreaterThan(0);
    expect(taskLogs.length).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(scanForSecrets(secrets, { texts: [...logged, ...taskLogs, ...seen], dirs: configDirs })).toEqual([]);
  });
});
