import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunSpec, type LogLine, type StatsSample, type TerminalEvent } from '../../contract/containers';
import { runContainer } from '../../main/engine/containers/containerRun';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { ApiError } from '../../contract/errors';
import { apiError } from '../helpers/errors';
import { freePort } from '../helpers/net';
import { docker, eventually, FIXTURE_BUSYBOX, FIXTURE_REDIS, removeContainers, uniqueName } from '../helpers/docker';

let t: TestBackend;
const created: string[] = [];
const volumes: string[] = [];

beforeAll(() => {
  t = startTestBackend();
});
afterAll(async () => {
  t.close();
  await removeContainers(...created);
  await Promise.all(volumes.map((v) => docker('volume', 'rm', '-f', v).catch(() => '')));
});

/** Sends one line to a TCP port on 127.0.0.1 and resolves with the first reply. */
function ask(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('connect', () => socket.write(line));
    socket.on('data', (c) => {
      data += c.toString();
      if (data.includes('\r\n')) {
        socket.destroy();
        resolve(data);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed with ${JSON.stringify(data)}`)));
    socket.setTimeout(2000, () => socket.destroy(new Error('no answer')));
  });
}

const namesLike = async (name: string) => docker('ps', '-a', '--filter', `name=^/${name}$`, '--format', '{{.Names}}');

describe('containers.run on the real engine', () => {
  it('runs redis with a published port, env, an env file and a volume, and the port answers', async () => {
    const name = uniqueName('run');
    const volume = `${name}-data`;
    created.push(name);
    volumes.push(volume);
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'berth-env-'));
    const envFile = join(dir, 'app.env');
    writeFileSync(envFile, '# comment\nFROM_FILE=yes\n\nSHARED=file\n');
    const result = await t.api.containers.run({
      image: FIXTURE_REDIS,
      name,
      ports: [{ hostPort: port, containerPort: 6379 }],
      env: [
        { name: 'BERTH_GREETING', value: 'hello world' },
        { name: 'SHARED', value: 'explicit' },
      ],
      envFile,
      mounts: [{ type: 'volume', source: volume, target: '/data' }],
      restartPolicy: 'unless-stopped',
    });
    expect(result.name).toBe(name);
    const reply = await eventually('redis answers PING', () => ask(port, 'PING\r\n').catch(() => ''), 15_000);
    expect(reply).toContain('+PONG');

    const info = (await t.api.containers.inspect({ id: result.id })) as {
      Config: { Env: string[] };
      Mounts: Array<{ Type: string; Name?: string; Destination: string }>;
      HostConfig: {
        PortBindings: Record<string, Array<{ HostIp: string; HostPort: string }>>;
        RestartPolicy: { Name: string };
      };
    };
    expect(info.Config.Env).toContain('BERTH_GREETING=hello world');
    expect(info.Config.Env).toContain('FROM_FILE=yes');
    expect(info.Config.Env.filter((e) => e.startsWith('SHARED='))).toContain('SHARED=explicit');
    expect(info.Mounts).toContainEqual(expect.objectContaining({ Type: 'volume', Name: volume, Destination: '/data' }));
    expect(info.HostConfig.PortBindings['6379/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: String(port) }]);
    expect(info.HostConfig.RestartPolicy.Name).toBe('unless-stopped');
  });

  it('refuses an invalid name, naming the field, and creates nothing', async () => {
    const bad = '-bad name!';
    const err = await apiError(t.api.containers.run({ image: FIXTURE_BUSYBOX, name: bad }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/Invalid container name/);
    expect(err.details).toContainEqual(expect.objectContaining({ path: 'name' }));
    expect(await docker('ps', '-a', '--format', '{{.Names}}')).not.toContain('bad name');
  });

  it('refuses a bad image reference and port numbers out of range', async () => {
    const name = uniqueName('badref');
    const err = await apiError(t.api.containers.run({ image: 'Not A/Valid::Ref', name }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/Invalid image reference/);
    expect(err.details).toContainEqual(expect.objectContaining({ path: 'image' }));
    const portErr = await apiError(
      t.api.containers.run({ image: FIXTURE_BUSYBOX, name, ports: [{ hostPort: 70000, containerPort: 80 }] }),
    );
    expect(portErr.message).toMatch(/Host port must be between 1 and 65535/);
    expect(portErr.details).toContainEqual(expect.objectContaining({ path: 'ports.0.hostPort' }));
    const missing = await apiError(t.api.containers.run({ image: 'berth-fixture/no-such-image:1', name }));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/not on this machine/);
    expect(await namesLike(name)).toBe('');
  });

  it('refuses a host port something else holds, as a conflict naming the port, and creates nothing', async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const port = (holder.address() as net.AddressInfo).port;
    const name = uniqueName('taken');
    created.push(name);
    try {
      const err = await apiError(
        t.api.containers.run({ image: FIXTURE_REDIS, name, ports: [{ hostPort: port, containerPort: 6379 }] }),
      );
      expect(err.code).toBe('conflict');
      expect(err.message).toContain(`Host port ${port}/tcp`);
      expect(err.details).toContainEqual(expect.objectContaining({ path: 'ports.0.hostPort' }));
      expect(await namesLike(name)).toBe('');
    } finally {
      await new Promise<void>((r) => holder.close(() => r()));
    }
  });

  it("maps the engine's 'port is already allocated' to a conflict and leaves nothing behind", async () => {
    // Berth's own bind probe would catch this first; switch it off to drive the engine's refusal itself.
    const first = uniqueName('alloc1');
    const second = uniqueName('alloc2');
    created.push(first, second);
    const port = await freePort();
    await docker('run', '-d', '--name', first, '-p', `127.0.0.1:${port}:6379`, FIXTURE_REDIS);
    const spec = RunSpec.parse({
      image: FIXTURE_REDIS,
      name: second,
      ports: [{ hostPort: port, containerPort: 6379 }],
    });
    const err = await apiError(runContainer(t.backend.services.engine.docker, spec, { probePorts: false }));
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(new RegExp(`Host port ${port}/tcp.*already in use`));
    expect(err.details).toContainEqual(expect.objectContaining({ path: 'ports.0.hostPort' }));
    expect(await namesLike(second)).toBe('');
  });
});

describe('containers.logs', () => {
  it('follows lines written after subscribing, and tail and filter work', async () => {
    const name = uniqueName('logs');
    created.push(name);
    const id = await docker(
      'run',
      '-d',
      '--name',
      name,
      FIXTURE_BUSYBOX,
      'sh',
      '-c',
      'trap exit TERM; for i in 1 2 3 4 5; do echo early-$i; done; echo oops >&2; while [ ! -f /tmp/go ]; do sleep 0.2; done; echo late-line; sleep 300 & wait',
    );
    await eventually('early lines logged', async () => (await docker('logs', name)).includes('early-5'));
    const lines: LogLine[] = [];
    let ended = false;
    const sub = t.api.containers.logs.subscribe(
      { id, follow: true, tail: 'all' },
      { onEvent: (e) => lines.push(...e.lines), onEnd: () => (ended = true) },
    );
    await eventually('backlog delivered', () => lines.some((l) => l.text === 'early-5'));
    expect(lines.find((l) => l.text === 'oops')?.stream).toBe('stderr');
    expect(lines.some((l) => l.text === 'late-line')).toBe(false);
    await docker('exec', name, 'touch', '/tmp/go');
    await eventually('a line written after subscribing', () => lines.some((l) => l.text === 'late-line'));
    sub.unsubscribe();
    expect(ended).toBe(false);

    const tail = await collectLogs({ id, follow: false, tail: 2, timestamps: true });
    expect(tail).toHaveLength(2);
    expect(tail[1]?.text).toBe('late-line');
    expect(tail.every((l) => /^\d{4}-\d\d-\d\dT/.test(l.time ?? ''))).toBe(true);

    const filtered = await collectLogs({ id, follow: false, tail: 'all', filter: 'EARLY-3' });
    expect(filtered.map((l) => l.text)).toEqual(['early-3']);
  });

  it('ends with not_found for a missing container', async () => {
    const error = await new Promise<unknown>((resolve) =>
      t.api.containers.logs.subscribe({ id: 'berth-no-such-container' }, { onEvent: () => {}, onEnd: resolve }),
    );
    expect(error).toMatchObject({ code: 'not_found' });
  });
});

function collectLogs(input: Parameters<TestBackend['api']['containers']['logs']['subscribe']>[0]): Promise<LogLine[]> {
  return new Promise((resolve, reject) => {
    const lines: LogLine[] = [];
    t.api.containers.logs.subscribe(input, {
      onEvent: (e) => lines.push(...e.lines),
      onEnd: (error) => (error ? reject(ApiError.from(error)) : resolve(lines)),
    });
  });
}

describe('containers.terminal and containers.stats', () => {
  let id = '';
  beforeAll(async () => {
    const name = uniqueName('exec');
    created.push(name);
    id = await docker('run', '-d', '--name', name, FIXTURE_BUSYBOX, 'sh', '-c', 'trap exit TERM; sleep 300 & wait');
  });

  it('runs a command in a TTY shell, returns its output, and resizes', async () => {
    let output = '';
    let sessionId = '';
    let command: string[] = [];
    let exitCode: number | null | undefined;
    const sub = t.api.containers.terminal.subscribe(
      { id, cols: 80, rows: 24 },
      {
        onEvent: (e: TerminalEvent) => {
          if (e.type === 'started') {
            sessionId = e.sessionId;
            command = e.command;
          } else if (e.type === 'output') output += e.data;
          else exitCode = e.code;
        },
      },
    );
    await eventually('session started', () => sessionId);
    expect(command[0]).toMatch(/sh$/); // busybox has no bash: the fallback is sh
    await t.api.containers.terminalWrite({ sessionId, data: 'echo hello-from-$((6*7))-exec\n' });
    await eventually('command output', () => output.includes('hello-from-42-exec'));
    await t.api.containers.terminalResize({ sessionId, cols: 123, rows: 45 });
    await t.api.containers.terminalWrite({ sessionId, data: 'stty size\n' });
    await eventually('the new size inside the TTY', () => output.includes('45 123'), 5000).catch((e: unknown) => {
      throw new Error(`${String(e)}; output was ${JSON.stringify(output)}`);
    });
    await t.api.containers.terminalWrite({ sessionId, data: 'exit 3\n' });
    await eventually('the shell exits', () => exitCode !== undefined);
    expect(exitCode).toBe(3);
    const err = await apiError(t.api.containers.terminalWrite({ sessionId, data: 'x' }));
    expect(err.code).toBe('not_found');
    sub.unsubscribe();
  });

  it('pushes stats samples with sane numbers', async () => {
    const samples: StatsSample[] = [];
    const sub = t.api.containers.stats.subscribe({ id }, { onEvent: (s) => samples.push(s) });
    await eventually('two stats samples', () => samples.length >= 2, 20_000);
    sub.unsubscribe();
    const last = samples[samples.length - 1] as StatsSample;
    expect(last.cpuPercent).not.toBeNull();
    expect(last.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(last.memoryUsage).toBeGreaterThan(0);
    expect(last.memoryLimit).toBeGreaterThan(last.memoryUsage);
    expect(last.memoryPercent).toBeLessThan(100);
    expect(last.pids).toBeGreaterThanOrEqual(1);
    expect(last.networkRx).toBeGreaterThanOrEqual(0);
    expect(last.time).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a terminal in a stopped container with a clear conflict', async () => {
    const name = uniqueName('stopped');
    created.push(name);
    const stopped = await docker('create', '--name', name, FIXTURE_BUSYBOX, 'true');
    const error = await new Promise<unknown>((resolve) =>
      t.api.containers.terminal.subscribe({ id: stopped, cols: 80, rows: 24 }, { onEvent: () => {}, onEnd: resolve }),
    );
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/not running/) });
  });
});

describe('containers.bulk', () => {
  it('stops and removes several containers, reporting each', async () => {
    const names = [uniqueName('bulk'), uniqueName('bulk')];
    created.push(...names);
    const ids = await Promise.all(
      names.map((n) =>
        docker('run', '-d', '--name', n, FIXTURE_BUSYBOX, 'sh', '-c', 'trap exit TERM; sleep 300 & wait'),
      ),
    );
    const stopped = await t.api.containers.bulk({ action: 'stop', ids });
    expect(stopped.results.every((r) => r.ok)).toBe(true);
    const removed = await t.api.containers.bulk({ action: 'remove', ids: [...ids, 'berth-no-such-container'] });
    expect(removed.results.slice(0, 2).every((r) => r.ok)).toBe(true);
    expect(removed.results[2]).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const n of names) expect(await namesLike(n)).toBe('');
  });
});
