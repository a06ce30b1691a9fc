import { describe, expect, it } from 'vitest';
import { LogDemuxer } from '../../main/engine/containers/containerLogDemux';
import { toLogLine } from '../../main/common/logLine';
import { LogBatcher } from '../../main/common/logBatcher';
import { isPortTakenMessage, parseEnvFile, toCreateOptions } from '../../main/engine/containers/containerRunOptions';
import { toStatsSample } from '../../main/engine/containers/containerStatsMath';
import { RunSpec, type LogsEvent } from '../../contract/containers';
import { LogBuffer } from '../../renderer/components/logs/logBuffer';
import { highlight, matches, stripAnsi } from '../../renderer/components/logs/logSearch';
import { splitShellWords } from '../../renderer/views/containers/shellWords';
import { groupByProject } from '../../renderer/views/containers/groupRows';
import { emptyForm, emptyPort, fieldErrorsFromDetails, toRunSpec } from '../../renderer/views/containers/runForm';
import type { ContainerSummary } from '../../contract/containers';

const frame = (type: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('log demultiplexing', () => {
  it('splits frames into stdout and stderr lines, across chunk boundaries', () => {
    const d = new LogDemuxer(true);
    const bytes = Buffer.concat([frame(1, 'one\ntw'), frame(2, 'err\n'), frame(1, 'o\n')]);
    const out = [...d.push(bytes.subarray(0, 5)), ...d.push(bytes.subarray(5, 13)), ...d.push(bytes.subarray(13))];
    expect(out).toEqual([
      { stream: 'stdout', raw: 'one' },
      { stream: 'stderr', raw: 'err' },
      { stream: 'stdout', raw: 'two' },
    ]);
  });

  it('keeps a multi-byte character split between chunks, and plain TTY bytes', () => {
    const d = new LogDemuxer(false);
    const bytes = Buffer.from('héllo\r\nrest');
    expect([...d.push(bytes.subarray(0, 2)), ...d.push(bytes.subarray(2))]).toEqual([
      { stream: 'stdout', raw: 'héllo' },
    ]);
    expect(d.end()).toEqual([{ stream: 'stdout', raw: 'rest' }]);
  });

  it('splits timestamps off and cuts runaway lines', () => {
    expect(toLogLine('stdout', '2024-05-01T10:00:00.123456789Z hi there', true)).toEqual({
      stream: 'stdout',
      text: 'hi there',
      time: '2024-05-01T10:00:00.123456789Z',
    });
    expect(toLogLine('stdout', 'x'.repeat(50_000), false).text.length).toBeLessThan(17_000);
  });
});

describe('log batching', () => {
  it('drops the oldest lines past its bound and says how many', () => {
    const events: LogsEvent[] = [];
    const b = new LogBatcher((e) => events.push(e), { maxQueued: 5, maxBatch: 3, intervalMs: 1000 });
    b.add(Array.from({ length: 8 }, (_, i) => ({ stream: 'stdout' as const, text: `l${i}` })));
    b.flush();
    expect(events.map((e) => e.lines.map((l) => l.text))).toEqual([
      ['l3', 'l4', 'l5'],
      ['l6', 'l7'],
    ]);
    expect(events[0]?.dropped).toBe(3);
    expect(events[1]?.dropped).toBe(0);
  });

  it('takes a million lines in one call, keeping the newest and counting the rest', () => {
    const events: LogsEvent[] = [];
    const b = new LogBatcher((e) => events.push(e), { maxQueued: 10_000, maxBatch: 2_000, intervalMs: 1000 });
    b.add(Array.from({ length: 1_000_000 }, (_, i) => ({ stream: 'stdout' as const, text: String(i) })));
    b.flush();
    expect(events.reduce((n, e) => n + e.lines.length, 0)).toBe(10_000);
    expect(events.reduce((n, e) => n + e.dropped, 0)).toBe(990_000);
    expect(events.at(-1)?.lines.at(-1)?.text).toBe('999999');
  });
});

describe('the renderer log buffer', () => {
  it('keeps only the last N lines with stable sequence numbers', () => {
    const buf = new LogBuffer(3);
    buf.push([1, 2].map((i) => ({ stream: 'stdout' as const, text: `a${i}` })));
    buf.push(
      [3, 4, 5].map((i) => ({ stream: 'stdout' as const, text: `a${i}` })),
      7,
    );
    expect(buf.toArray().map((l) => [l.seq, l.text])).toEqual([
      [2, 'a3'],
      [3, 'a4'],
      [4, 'a5'],
    ]);
    expect(buf.dropped).toBe(2 + 7);
  });

  it('takes a million lines in one batch without holding them', () => {
    const buf = new LogBuffer(10_000);
    const lines = Array.from({ length: 1_000_000 }, (_, i) => ({ stream: 'stdout' as const, text: String(i) }));
    buf.push(lines);
    expect(buf.length).toBe(10_000);
    expect(buf.at(0)?.text).toBe('990000');
    expect(buf.at(9_999)?.seq).toBe(999_999);
  });

  it('searches through ANSI colours and highlights case-insensitively', () => {
    expect(stripAnsi('\u001b[31mred\u001b[0m text')).toBe('red text');
    expect(matches('\u001b[31mERROR\u001b[0m boom', 'error')).toBe(true);
    expect(highlight('an Error and error', 'error')).toEqual([
      { text: 'an ', match: false },
      { text: 'Error', match: true },
      { text: ' and ', match: false },
      { text: 'error', match: true },
    ]);
  });
});

describe('run validation', () => {
  const parse = (input: unknown) => RunSpec.safeParse(input);
  const messages = (input: unknown) => {
    const r = parse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts good names and references', () => {
    for (const image of [
      'redis',
      'redis:7',
      'library/redis:7.2-alpine',
      'registry.local:5000/team/app:1.0',
      'localhost/x',
      'sha256:' + 'a'.repeat(64),
    ]) {
      expect(parse({ image, name: 'my_app.1-x' }).success, image).toBe(true);
    }
  });

  it('names the field for a bad name, image, port and mount', () => {
    expect(messages({ image: 'redis', name: '-x' })[0]).toMatch(/^name: Invalid container name "-x"/);
    expect(messages({ image: 'redis', name: 'a' })[0]).toMatch(/^name: /);
    expect(messages({ image: 'Redis:7' })[0]).toMatch(/^image: Invalid image reference "Redis:7"/);
    expect(messages({ image: 'redis::7' })[0]).toMatch(/^image: /);
    expect(messages({ image: 'redis', ports: [{ containerPort: 0 }] })[0]).toBe(
      'ports.0.containerPort: Container port must be between 1 and 65535.',
    );
    expect(messages({ image: 'redis', ports: [{ containerPort: 80, hostPort: 1.5 }] })[0]).toMatch(
      /^ports.0.hostPort: /,
    );
    expect(messages({ image: 'redis', mounts: [{ type: 'bind', source: 'rel', target: '/x' }] })[0]).toMatch(
      /^mounts.0.source: A bind mount needs an absolute host path/,
    );
    expect(
      messages({
        image: 'redis',
        ports: [
          { containerPort: 80, hostPort: 8080 },
          { containerPort: 81, hostPort: 8080 },
        ],
      })[0],
    ).toMatch(/^ports.1.hostPort: Host port 8080\/tcp is used twice/);
  });

  it('defaults the host IP to loopback and builds the engine options', () => {
    const spec = RunSpec.parse({
      image: 'redis',
      ports: [
        { containerPort: 6379, hostPort: 16379 },
        { containerPort: 53, protocol: 'udp' },
      ],
      env: [{ name: 'A', value: '1' }],
      mounts: [{ type: 'volume', target: '/data' }],
      restartPolicy: 'always',
    });
    const options = toCreateOptions(spec, ['B=2']);
    expect(options.HostConfig?.PortBindings).toEqual({
      '6379/tcp': [{ HostIp: '127.0.0.1', HostPort: '16379' }],
      '53/udp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    });
    expect(options.Env).toEqual(['B=2', 'A=1']);
    expect(options.HostConfig?.Mounts).toEqual([{ Type: 'volume', Source: '', Target: '/data', ReadOnly: false }]);
    expect(options.HostConfig?.RestartPolicy).toEqual({ Name: 'always' });
    expect(options.Cmd).toBeUndefined();
  });

  it('parses env files like docker, and reports a bad line', () => {
    expect(parseEnvFile('# c\nA=1\n\n  B=2 with spaces\nFROM_ENV\nMISSING\n', 'f', { FROM_ENV: 'x' })).toEqual([
      'A=1',
      'B=2 with spaces',
      'FROM_ENV=x',
    ]);
    expect(() => parseEnvFile('=nope', 'app.env')).toThrow(/app.env, line 1/);
    expect(() => parseEnvFile('OK=1\nB C=2', 'app.env')).toThrow(/line 2/);
  });

  it("recognises the engine's port-taken messages", () => {
    expect(
      isPortTakenMessage(
        'driver failed programming external connectivity on endpoint x: Bind for 127.0.0.1:80 failed: port is already allocated',
      ),
    ).toBe(true);
    expect(isPortTakenMessage('listen tcp4 0.0.0.0:80: bind: address already in use')).toBe(true);
    expect(isPortTakenMessage('No such image')).toBe(false);
  });
});

describe('the Run form', () => {
  it('maps errors of a form with blank rows back to the right row', () => {
    const form = {
      ...emptyForm('redis'),
      ports: [emptyPort(), { ...emptyPort(), hostPort: 'abc', containerPort: '80' }],
    };
    const result = toRunSpec(form);
    expect('errors' in result && result.errors['ports.1.hostPort']).toBe('Host port must be a number.');
    expect(fieldErrorsFromDetails(form, [{ path: 'ports.0.hostPort', message: 'in use' }])).toEqual({
      'ports.1.hostPort': 'in use',
    });
  });

  it('splits the command like a shell', () => {
    expect(splitShellWords(`sh -c 'echo "hi there"' a\\ b "x\\"y"`)).toEqual({
      words: ['sh', '-c', 'echo "hi there"', 'a b', 'x"y'],
    });
    expect(splitShellWords('echo "open')).toEqual({ error: 'Unclosed double quote in the command.' });
    const ok = toRunSpec({ ...emptyForm('redis'), name: 'web', command: 'redis-server --port 7000' });
    expect('spec' in ok && ok.spec).toMatchObject({
      image: 'redis',
      name: 'web',
      command: ['redis-server', '--port', '7000'],
    });
  });
});

describe('stats math', () => {
  it('computes CPU % like docker stats and subtracts page cache from memory', () => {
    const s = toStatsSample({
      read: '2024-05-01T10:00:01Z',
      cpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 10_000_000_000 },
      memory_stats: { usage: 100, limit: 1000, stats: { inactive_file: 20 } },
      networks: { eth0: { rx_bytes: 5, tx_bytes: 7 }, eth1: { rx_bytes: 1, tx_bytes: 1 } },
      blkio_stats: {
        io_service_bytes_recursive: [
          { op: 'Read', value: 10 },
          { op: 'Write', value: 4 },
        ],
      },
      pids_stats: { current: 3 },
    });
    expect(s).toMatchObject({
      cpuPercent: 20,
      memoryUsage: 80,
      memoryPercent: 8,
      networkRx: 6,
      networkTx: 8,
      blockRead: 10,
      blockWrite: 4,
      pids: 3,
    });
    expect(toStatsSample({ cpu_stats: {}, precpu_stats: {} }).cpuPercent).toBeNull();
  });
});

describe('grouping by compose project', () => {
  it('puts projects first, standalone last, each with a header', () => {
    const c = (id: string, name: string, project?: string, state = 'running') =>
      ({ id, name, composeProject: project, state }) as ContainerSummary;
    const rows = groupByProject([c('1', 'b'), c('2', 'web', 'shop'), c('3', 'db', 'shop', 'exited'), c('4', 'a')]);
    expect(rows.map((r) => (r.kind === 'group' ? `[${r.project} ${r.running}/${r.ids.length}]` : r.c.name))).toEqual([
      '[shop 1/2]',
      'db',
      'web',
      '[Standalone containers 2/2]',
      'a',
      'b',
    ]);
  });
});
