/**
 * Port-forwarding with fakes: the endpoint a Service connection goes to, the local port check, the
 * registry's live list and stop, and one connection piped through a fake kubelet speaking the port-forward
 * WebSocket protocol, the fallback when SPDY is refused (big payloads both ways, the error channel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';
import { KubeConfig, type V1EndpointSlice, type V1Service } from '@kubernetes/client-node';
import type { CollectionEvent } from '../../../../../contract/collection';
import type { KubePortForward } from '../../../../../contract/kubePods';
import type { KubeClients } from '../../../../../main/kube/clients';
import { pickEndpoint } from '../../../../../main/kube/pods/forwardTarget';
import { isFree, listenLocal } from '../../../../../main/kube/pods/localPort';
import { PortForwards, type ForwardBackend } from '../../../../../main/kube/pods/forwards';
import { ForwardTransport } from '../../../../../main/kube/pods/forwardConnection';
import { PortForwardFrames } from '../../../../../main/kube/pods/wsForward';
import { apiError } from '../../../../../test/helpers/errors';

const service = (ports: V1Service['spec']): V1Service => ({
  metadata: { name: 'web', namespace: 'ns' },
  spec: { selector: { app: 'web' }, ...ports },
});
const slice = (ports: V1EndpointSlice['ports'], pods: Array<[string, boolean]>): V1EndpointSlice => ({
  addressType: 'IPv4',
  metadata: { name: 'web-x', labels: { 'kubernetes.io/service-name': 'web' } },
  ports,
  endpoints: pods.map(([name, ready], i) => ({
    addresses: [`10.0.0.${i}`],
    conditions: { ready },
    targetRef: { kind: 'Pod', name },
  })),
});

describe('which pod a Service connection reaches', () => {
  const svc = service({ ports: [{ name: 'http', port: 80, targetPort: 'web' as unknown as number }] });
  const slices = [
    slice(
      [{ name: 'http', port: 8080 }],
      [
        ['web-b', true],
        ['web-a', true],
        ['web-c', false],
      ],
    ),
  ];

  it('maps the Service port to the pod port of its slice and takes turns among ready pods', () => {
    expect(pickEndpoint(svc, slices, 80, 0)).toEqual({ pod: 'web-a', port: 8080 });
    expect(pickEndpoint(svc, slices, 80, 1)).toEqual({ pod: 'web-b', port: 8080 });
    expect(pickEndpoint(svc, slices, 80, 2)).toEqual({ pod: 'web-a', port: 8080 });
  });

  it('says when there is no ready pod, no such port or no selector', async () => {
    const none = await apiError(
      Promise.resolve().then(() => pickEndpoint(svc, [slice([{ name: 'http', port: 8080 }], [['x', false]])], 80, 0)),
    );
    expect(none.message).toBe('Service web has no ready pod behind port 80.');
    const port = await apiError(Promise.resolve().then(() => pickEndpoint(svc, slices, 81, 0)));
    expect(port).toMatchObject({
      code: 'invalid_input',
      message: 'Service web has no port 81.',
      hint: 'Its ports: 80.',
    });
    const bare = await apiError(
      Promise.resolve().then(() => pickEndpoint({ ...svc, spec: { ...svc.spec, selector: undefined } }, slices, 80, 0)),
    );
    expect(bare.message).toBe('Service web has no selector, so it has no pods to forward to.');
  });
});

describe('local port', () => {
  it('names a taken port and suggests a free one; 0 picks one', async () => {
    const taken = net.createServer();
    const port = await listenLocal(taken, 0);
    expect(port).toBeGreaterThan(0);
    expect(await isFree(port)).toBe(false);
    const second = net.createServer();
    const e = await apiError(listenLocal(second, port));
    expect(e.code).toBe('conflict');
    expect(e.message).toBe(`Local port ${port} is already in use on 127.0.0.1.`);
    const suggestion = (e.details as { suggestion: number }).suggestion;
    expect(e.hint).toContain(`${suggestion} is free now`);
    expect(await isFree(suggestion)).toBe(true);
    taken.close();
    second.close();
  });
});

/** A fake kubelet: the port-forward WebSocket protocol in front of local TCP ports. */
let kubelet: http.Server;
let echo: net.Server;
let echoPort = 0;
let clients: KubeClients;
const seenPaths: string[] = [];

beforeAll(async () => {
  echo = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  echoPort = (echo.address() as net.AddressInfo).port;
  kubelet = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server: kubelet, handleProtocols: (p) => [...p][0] ?? false });
  wss.on('connection', (ws, req) => {
    seenPaths.push(req.url ?? '');
    const port = Number(new URL(req.url ?? '', 'http://x').searchParams.get('ports'));
    const prefix = (ch: number) => Buffer.from([ch, port & 0xff, port >> 8]);
    ws.send(prefix(0));
    ws.send(prefix(1));
    const target = net.connect(port === 1 ? 1 : echoPort, '127.0.0.1');
    target.on('error', () => {
      ws.send(Buffer.concat([Buffer.from([1]), Buffer.from(`error forwarding port ${port}: connection refused`)]));
      ws.close();
    });
    target.on('data', (d) => ws.send(Buffer.concat([Buffer.from([0]), d])));
    target.on('end', () => ws.close());
    ws.on('message', (d: Buffer) => {
      if (d[0] === 0) target.write(d.subarray(1));
    });
    ws.on('close', () => target.destroy());
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

describe('one forwarded connection', () => {
  it('drops the port prefix of each channel, also when it arrives split', () => {
    const data: Buffer[] = [];
    const errors: string[] = [];
    const f = new PortForwardFrames(
      (d) => data.push(d),
      (t) => errors.push(t),
    );
    f.push(Buffer.from([0, 0x90]));
    f.push(Buffer.from([0, 0x1f, 65, 66]));
    f.push(Buffer.from([1, 0x90, 0x1f]));
    f.push(Buffer.from([0, 67]));
    f.push(Buffer.concat([Buffer.from([1]), Buffer.from('refused')]));
    expect(Buffer.concat(data).toString()).toBe('ABC');
    expect(errors).toEqual(['refused']);
  });

  it('carries 32 MiB each way intact through the WebSocket, with backpressure', async () => {
    const forwards = new PortForwards();
    const transport = new ForwardTransport(clients, 'ns');
    const backend: ForwardBackend = {
      resolve: async () => ({ pod: 'p', port: 7000 }),
      connect: (t, socket, report) => transport.connect(t.pod, t.port, socket, report),
    };
    const f = await forwards.start({
      namespace: 'ns',
      kind: 'pod',
      name: 'p',
      port: 7000,
      context: 'ctx',
      localPort: 0,
      backend,
    });
    const payload = randomBytes(32 * 1024 * 1024);
    const sock = net.connect(f.localPort, '127.0.0.1');
    const got = createHash('sha256');
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      sock.on('data', (d: Buffer) => {
        got.update(d);
        received += d.length;
        if (received === payload.length) resolve();
      });
      sock.on('error', reject);
      sock.write(payload);
    });
    sock.destroy();
    expect(got.digest('hex')).toBe(createHash('sha256').update(payload).digest('hex'));
    expect(seenPaths.at(-1)).toBe('/api/v1/namespaces/ns/pods/p/portforward?ports=7000');
    // The fake speaks no SPDY (its upgrade answer is a plain 404): the WebSocket carried it.
    expect(forwards.list()[0]?.transport).toBe('websocket');
    forwards.stopAll();
  }, 60_000);

  it('reports the kubelet’s error channel and closes the local connection', async () => {
    const forwards = new PortForwards();
    const f = await forwards.start({
      namespace: 'ns',
      kind: 'pod',
      name: 'p',
      port: 1,
      context: 'ctx',
      localPort: 0,
      backend: {
        resolve: async () => ({ pod: 'p', port: 1 }),
        connect: (t, socket, report) => new ForwardTransport(clients, 'ns').connect(t.pod, t.port, socket, report),
      },
    });
    const events: Array<CollectionEvent<KubePortForward>> = [];
    const off = forwards.subscribe((e) => events.push(e));
    const sock = net.connect(f.localPort, '127.0.0.1');
    await new Promise<void>((r) => sock.on('close', () => r()));
    await eventuallyTrue(() => forwards.list()[0]?.error !== undefined && forwards.list()[0]?.active === 0);
    expect(forwards.list()[0]?.error).toBe('error forwarding port 1: connection refused');
    expect(events[0]).toEqual({ type: 'snapshot', items: [expect.objectContaining({ id: f.id })] });
    off();
    forwards.stopAll();
  });
});

async function eventuallyTrue(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('the registry', () => {
  it('lists forwards live, counts connections, records a failed resolve, and stops them', async () => {
    const forwards = new PortForwards();
    const events: Array<CollectionEvent<KubePortForward>> = [];
    forwards.subscribe((e) => events.push(e));
    let fail = false;
    const backend: ForwardBackend = {
      resolve: async (turn) => {
        if (fail) throw new Error('Service web has no ready pod behind port 80.');
        return { pod: `web-${turn}`, port: 8080 };
      },
      connect: async (_t, socket, report) => {
        socket.on('close', () => report.closed());
        socket.resume();
        socket.end('hello');
      },
    };
    const f = await forwards.start({
      namespace: 'ns',
      kind: 'service',
      name: 'web',
      port: 80,
      context: 'ctx',
      localPort: 0,
      backend,
    });
    expect(f).toMatchObject({ kind: 'service', name: 'web', url: `http://127.0.0.1:${f.localPort}/`, connections: 0 });
    const read = () =>
      new Promise<string>((resolve) => {
        const s = net.connect(f.localPort, '127.0.0.1');
        let text = '';
        s.on('data', (d) => (text += d));
        s.on('close', () => resolve(text));
      });
    expect(await read()).toBe('hello');
    expect(await read()).toBe('hello');
    await eventuallyTrue(() => forwards.list()[0]?.connections === 2 && forwards.list()[0]?.active === 0);
    expect(forwards.list()[0]?.pod).toBe('web-1');
    fail = true;
    expect(await read()).toBe('');
    await eventuallyTrue(() => forwards.list()[0]?.error === 'Service web has no ready pod behind port 80.');
    expect(events.map((e) => e.type)).toContain('upsert');
    forwards.stop(f.id);
    expect(events.at(-1)).toEqual({ type: 'remove', ids: [f.id] });
    expect(await isFree(f.localPort)).toBe(true);
    expect((await apiError(Promise.resolve().then(() => forwards.stop(f.id)))).code).toBe('not_found');
  });
});
