/**
 * Berth connected to an engine over ssh://, as to a remote Docker host: Debian's sshd in a network namespace
 * (test/helpers/sshEngineHost.ts), a key-only user whose shell runs `docker system dial-stdio`. Lists, run,
 * logs, exec and stats go through the tunnel; an unknown host key is refused with its fingerprint until the
 * user trusts it (then it is in known_hosts and Berth connects); a changed key is refused outright.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineState } from '../../contract/system';
import type { LogLine, StatsSample, TerminalEvent } from '../../contract/containers';
import { createBackend } from '../../main/backend';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { docker, eventually, FIXTURE_BUSYBOX, removeContainers, uniqueName } from '../helpers/docker';
import { SSH_HOST_IP, SSH_USER, startSshEngineHost, type SshEngineHost } from '../helpers/sshEngineHost';
import { live } from '../helpers/collection';
import type { ContainerSummary } from '../../contract/containers';
import { scanForSecrets, type Secret } from '../helpers/secretScan';

let host: SshEngineHost;
const created: string[] = [];
const configDirs: string[] = [];
/** Temporary HOMEs (they hold a copy of the client key, so they are not scanned for it). */
const homes: string[] = [];
const logged: string[] = [];
/** Every message the renderer side received, as JSON. */
const seen: string[] = [];

function open(url: string, home = host.home): { client: InProcessClient; states: EngineState[]; configDir: string } {
  const configDir = mkdtempSync(join(tmpdir(), 'berth-ssh-config-'));
  configDirs.push(configDir);
  const env = { ...process.env };
  delete env.SSH_AUTH_SOCK;
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

  it('never lets the client key into logs, settings, task logs or what the renderer got', () => {
    const secrets: Secret[] = [{ name: 'the ssh client key', text: host.clientKey }];
    expect(logged.length + configDirs.length).toBeGreaterThan(0);
    expect(scanForSecrets(secrets, { texts: [...logged, ...seen], dirs: configDirs })).toEqual([]);
  });
});
