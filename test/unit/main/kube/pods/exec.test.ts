/**
 * The exec channel against a fake API server speaking Kubernetes' channel protocol: a missing /bin/bash
 * falls through to /bin/sh, output and the final status arrive (also when they come with the handshake),
 * input and resize frames reach the server, and a container with no shell at all is told apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type net from 'node:net';
import { WebSocketServer } from 'ws';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeClients } from '../../../../../main/kube/clients';
import { openFirst, SHELLS } from '../../../../../main/kube/pods/exec';
import { ExecChannel, execPath, type ExecSignal } from '../../../../../main/kube/pods/execChannel';

const missing = (cmd: string) =>
  JSON.stringify({
    status: 'Failure',
    reason: 'InternalError',
    message: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": stat ${cmd}: no such file or directory: unknown`,
  });

let server: http.Server;
let clients: KubeClients;
const received: Array<{ command: string[]; frames: Buffer[] }> = [];
/** Commands the fake container has. */
let present = new Set(['/bin/sh', 'echo']);

beforeAll(async () => {
  server = http.createServer((_q, r) => r.writeHead(404).end());
  const wss = new WebSocketServer({ server, handleProtocols: (p) => [...p][0] ?? false });
  wss.on('connection', (ws, req) => {
    const q = new URL(req.url ?? '', 'http://x').searchParams;
    const command = q.getAll('command');
    const seen = { command, frames: [] as Buffer[] };
    received.push(seen);
    const status = (s: string) => ws.send(Buffer.concat([Buffer.from([3]), Buffer.from(s)]));
    const out = (s: string) => ws.send(Buffer.concat([Buffer.from([1]), Buffer.from(s)]));
    if (!present.has(command[0] ?? '')) {
      status(missing(command[0] ?? ''));
      ws.close();
      return;
    }
    if (command[0] === 'echo') {
      // Everything at once, in the handshake's own read: output, status, close.
      out(`${command.slice(1).join(' ')}\n`);
      status(
        JSON.stringify({
          status: 'Failure',
          reason: 'NonZeroExitCode',
          details: { causes: [{ reason: 'ExitCode', message: '7' }] },
        }),
      );
      ws.close();
      return;
    }
    out('/ # ');
    ws.on('message', (d: Buffer) => {
      seen.frames.push(d);
      if (d[0] === 0 && d.subarray(1).toString() === 'exit\n') {
        status(JSON.stringify({ status: 'Success' }));
        ws.close();
      } else if (d[0] === 0) out(d.subarray(1).toString());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  clients = { context: 'ctx', server: url, config } as unknown as KubeClients;
});

afterAll(() => server?.close());

const base = { namespace: 'ns', pod: 'p', container: 'c', tty: true };
const size = { cols: 100, rows: 30 };

function collect(ch: ExecChannel) {
  const signals: ExecSignal[] = [];
  ch.listen((s) => signals.push(s));
  return signals;
}

describe('exec channel', () => {
  it('builds the exec path with each command word and no stderr on a TTY', () => {
    expect(execPath({ ...base, command: ['sh', '-c', 'echo a b'] })).toBe(
      '/api/v1/namespaces/ns/pods/p/exec?container=c&stdin=true&stdout=true&stderr=false&tty=true&command=sh&command=-c&command=echo+a+b',
    );
  });

  it('falls back from /bin/bash to /bin/sh, then carries input, resize and the exit', async () => {
    received.length = 0;
    const opened = await openFirst(
      clients,
      base,
      SHELLS.map((s) => [s]),
      size,
    );
    expect(opened?.command).toEqual(['/bin/sh']);
    expect(received.map((r) => r.command)).toEqual([['/bin/bash'], ['/bin/sh']]);
    const ch = opened?.channel as ExecChannel;
    const signals = collect(ch);
    expect(signals[0]).toEqual({ type: 'output', data: '/ # ' });
    ch.resize(120, 40);
    ch.write('ls\n');
    ch.write('exit\n');
    await until(() => signals.some((s) => s.type === 'closed'));
    expect(signals.filter((s) => s.type === 'status')).toEqual([
      { type: 'status', outcome: { kind: 'exited', code: 0 } },
    ]);
    const frames = received[1]?.frames.map((f) => [f[0], f.subarray(1).toString()]);
    expect(frames).toEqual([
      [4, '{"Width":100,"Height":30}'],
      [4, '{"Width":120,"Height":40}'],
      [0, 'ls\n'],
      [0, 'exit\n'],
    ]);
  });

  it('keeps output, status and close that come with the handshake', async () => {
    const ch = await ExecChannel.open(clients, { ...base, tty: false, command: ['echo', 'early', 'bird'] });
    await new Promise((r) => setTimeout(r, 50));
    const signals = collect(ch);
    await until(() => signals.some((s) => s.type === 'closed'));
    expect(signals).toEqual([
      { type: 'output', data: 'early bird\n' },
      { type: 'status', outcome: { kind: 'exited', code: 7 } },
      { type: 'closed' },
    ]);
  });

  it('returns null when the container has no shell at all', async () => {
    present = new Set();
    try {
      expect(
        await openFirst(
          clients,
          base,
          SHELLS.map((s) => [s]),
          size,
        ),
      ).toBeNull();
    } finally {
      present = new Set(['/bin/sh', 'echo']);
    }
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}
