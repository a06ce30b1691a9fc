/**
 * SPDY port-forward sessions against a fake kubelet speaking SPDY/3.1 over an HTTP upgrade: one session
 * carries several connections, big payloads both ways, the error stream, RST_STREAM when the client drops
 * the connection early, and PING answered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeClients } from '../../../../../main/kube/clients';
import { dataHeader, pingFrame, SpdyReader, SpdyType } from '../../../../../main/kube/pods/spdyFrames';
import { ForwardTransport, type ConnectionReport } from '../../../../../main/kube/pods/forwardConnection';

/** A fake kubelet: SPDY/3.1 port-forward behind an HTTP upgrade, in front of local TCP ports. */
let kubelet: http.Server;
let echo: net.Server;
let echoPort = 0;
let clients: KubeClients;
const upgrades: string[] = [];
const resets: number[] = [];
let pingReplies = 0;

function fakeSession(socket: Duplex) {
  const inflater = { bytes: Buffer.alloc(0), seen: 0 };
  const streams = new Map<number, { type: string; port: number; target?: net.Socket }>();
  const control = (type: number, payload: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt16BE(0x8003, 0);
    head.writeUInt16BE(type, 2);
    head.writeUInt32BE(payload.length, 4);
    socket.write(Buffer.concat([head, payload]));
  };
  const headersOf = (block: Buffer): Record<string, string> => {
    inflater.bytes = Buffer.concat([inflater.bytes, block]);
    const all = zlib.inflateSync(inflater.bytes, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    const mine = all.subarray(inflater.seen);
    inflater.seen = all.length;
    const out: Record<string, string> = {};
    let at = 4;
    for (let i = 0; i < mine.readUInt32BE(0); i++) {
      const nl = mine.readUInt32BE(at);
      const name = mine.subarray(at + 4, at + 4 + nl).toString();
      at += 4 + nl;
      const vl = mine.readUInt32BE(at);
      out[name] = mine.subarray(at + 4, at + 4 + vl).toString();
      at += 4 + vl;
    }
    return out;
  };
  const reader = new SpdyReader({
    control: (type, _flags, payload) => {
      if (type === SpdyType.synStream) {
        const id = payload.readUInt32BE(0);
        const h = headersOf(payload.subarray(10));
        const reply = Buffer.alloc(4);
        reply.writeUInt32BE(id, 0);
        control(SpdyType.synReply, reply);
        const stream: { type: string; port: number; target?: net.Socket } = {
          type: h.streamtype ?? '',
          port: Number(h.port),
        };
        streams.set(id, stream);
        if (stream.type === 'data') {
          if (stream.port === 1) {
            const msg = Buffer.from('error forwarding port 1: connection refused');
            socket.write(Buffer.concat([dataHeader(id - 2, msg.length, true), msg]));
            socket.write(dataHeader(id, 0, true));
            return;
          }
          const target = net.connect(echoPort, '127.0.0.1');
          stream.target = target;
          target.on('data', (d: Buffer) => socket.write(Buffer.concat([dataHeader(id, d.length, false), d])));
          target.on('end', () => socket.write(dataHeader(id, 0, true)));
          target.on('error', () => undefined);
        }
      } else if (type === SpdyType.rstStream) {
        const id = payload.readUInt32BE(0);
        resets.push(id);
        streams.get(id)?.target?.destroy();
      } else if (type === SpdyType.ping) {
        pingReplies++;
      }
    },
    data: (id, data, fin) => {
      const target = streams.get(id)?.target;
      if (data.length) target?.write(data);
      if (fin) target?.end();
    },
  });
  socket.on('data', (d: Buffer) => reader.push(d));
  socket.on('error', () => undefined);
  socket.write(pingFrame(2));
}

beforeAll(async () => {
  // Echoes what it gets, in upper case for "UP " lines, so both directions are told apart.
  echo = net.createServer({ allowHalfOpen: true }, (s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  echoPort = (echo.address() as net.AddressInfo).port;
  kubelet = http.createServer((_req, res) => res.writeHead(404).end());
  kubelet.on('upgrade', (req, socket) => {
    upgrades.push(`${req.method} ${req.url} ${req.headers.upgrade} ${req.headers['x-stream-protocol-version']}`);
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n\r\n');
    fakeSession(socket);
  });
  await new Promise<void>((r) => kubelet.listen(0, '127.0.0.1', r));
  const server = `http://127.0.0.1:${(kubelet.address() as net.AddressInfo).port}`;
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'c', server, skipTLSVerify: true }],
    users: [{ name: 'u', token: 'secret' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  clients = { context: 'ctx', server, config } as unknown as KubeClients;
});

afterAll(() => {
  kubelet?.close();
  echo?.close();
});

/** A local connection handed to the transport, as the forward's listener would. */
async function connectThrough(transport: ForwardTransport, port: number) {
  const listener = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
  const report = { errors: [] as string[], closed: 0 };
  const r: ConnectionReport = { error: (m) => report.errors.push(m), closed: () => report.closed++ };
  listener.on('connection', (s) => void transport.connect('p', port, s, r));
  await new Promise<void>((res) => listener.listen(0, '127.0.0.1', res));
  const client = net.connect((listener.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise<void>((res) => client.on('connect', () => res()));
  listener.close();
  return { client, report };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('SPDY sessions', () => {
  it('carries several connections over one upgrade, 16 MiB each way, half-closed by the client', async () => {
    upgrades.length = 0;
    const transport = new ForwardTransport(clients, 'ns');
    const payload = randomBytes(16 * 1024 * 1024);
    const roundTrip = async () => {
      const { client, report } = await connectThrough(transport, 7000);
      const hash = createHash('sha256');
      let n = 0;
      const ended = new Promise<void>((res) => client.on('end', () => res()));
      client.on('data', (d: Buffer) => {
        hash.update(d);
        n += d.length;
      });
      client.end(payload);
      await ended;
      client.destroy();
      await until(() => report.closed === 1);
      return { n, digest: hash.digest('hex'), report };
    };
    const [a, b] = await Promise.all([roundTrip(), roundTrip()]);
    const want = createHash('sha256').update(payload).digest('hex');
    expect([a.n, a.digest, b.n, b.digest]).toEqual([payload.length, want, payload.length, want]);
    expect(a.report.errors).toEqual([]);
    const c = await roundTrip();
    expect(c.digest).toBe(want);
    expect(upgrades).toEqual(['POST /api/v1/namespaces/ns/pods/p/portforward SPDY/3.1 portforward.k8s.io']);
    await until(() => pingReplies >= 1);
    transport.close();
  }, 60_000);

  it('reports the error stream and closes the local connection', async () => {
    const transport = new ForwardTransport(clients, 'ns');
    const { client, report } = await connectThrough(transport, 1);
    await new Promise<void>((res) => client.on('close', () => res()));
    await until(() => report.closed === 1);
    expect(report.errors).toEqual(['error forwarding port 1: connection refused']);
    transport.close();
  });

  it('resets both streams when the client drops the connection before the pod is done', async () => {
    const transport = new ForwardTransport(clients, 'ns');
    const { client, report } = await connectThrough(transport, 7000);
    client.write('hello');
    await new Promise((r) => setTimeout(r, 100));
    resets.length = 0;
    // A reset, not a FIN: a FIN is a half-close, after which the pod's answer is still delivered.
    client.resetAndDestroy();
    await until(() => report.closed === 1 && resets.length === 2);
    expect(resets[1]! - resets[0]!).toBe(2);
    transport.close();
  });
});
