/**
 * Pods that really run, on a real kind cluster (control plane + worker, from the offline node image that
 * test/kind-node/build.sh makes): logs followed and the previous run's log after a crash, container states
 * with the reason and the event, exec of a command and of a shell through Berth's stream, the clear errors
 * for a shell-less or not running container, port-forwards to a pod and to a Service (surviving the pod's
 * deletion), a taken local port, expose as ClusterIP and NodePort with ready endpoints, and delete/restart.
 * Needs real kind nodes (the node image from test/kind-node/build.sh, built on first use): one cluster for
 * this file (~30–60 s to create), deleted afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { docker, eventually, FIXTURE_BUSYBOX } from '../helpers/docker';
import { mirror } from '../helpers/collection';
import { apiError } from '../helpers/errors';
import { createKindCluster, type KindCluster } from '../helpers/kindNode';
import type { KubeEvent, KubePod, KubeService } from '../../contract/kube';
import type { KubeEndpointSlice, KubePortForward, PodLogsEvent } from '../../contract/kubePods';
import type { TerminalEvent } from '../../contract/containers';
import type { ApiErrorShape } from '../../contract/errors';
import type { Subscription } from '../../contract/define';
import type { LogSearchEvent, LogSessionState } from '../../contract/logs';

const NS = `pods-${Math.random().toString(36).slice(2, 7)}`;
const NOSHELL = `berth-pods-noshell:${process.pid}`;

let cluster: KindCluster;
let t: TestBackend;
const subs: Subscription[] = [];
const target = () => ({ context: cluster.context, kubeconfig: cluster.kubeconfig });

/** An image with only /bin/busybox: no /bin/sh, no /bin/bash. */
async function buildNoShellImage(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-noshell-'));
  try {
    mkdirSync(join(dir, 'bin'));
    copyFileSync('/bin/busybox', join(dir, 'bin', 'busybox'));
    const { execFileSync } = await import('node:child_process');
    execFileSync('sh', [
      '-c',
      `tar -C "${dir}" -c . | docker import --change 'CMD ["/bin/busybox","sleep","3600"]' - ${NOSHELL}`,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const MANIFESTS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${NS} }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: ${FIXTURE_BUSYBOX}
          imagePullPolicy: IfNotPresent
          command: [sh, -c, 'mkdir -p /www && echo "hello from $(hostname)" > /www/index.html && exec httpd -f -p 8080 -h /www']
          ports: [{ name: http, containerPort: 8080 }]
          readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 }
---
apiVersion: v1
kind: Pod
metadata: { name: ticker, namespace: ${NS} }
spec:
  containers:
    - name: ticker
      image: ${FIXTURE_BUSYBOX}
      imagePullPolicy: IfNotPresent
      command: [sh, -c, 'trap "exit 0" TERM; i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.3; done']
---
apiVersion: v1
kind: Pod
metadata: { name: crasher, namespace: ${NS} }
spec:
  containers:
    - name: crasher
      image: ${FIXTURE_BUSYBOX}
      imagePullPolicy: IfNotPresent
      command: [sh, -c, 'echo "boom: giving up"; exit 3']
---
apiVersion: v1
kind: Pod
metadata: { name: crashonce, namespace: ${NS} }
spec:
  volumes: [{ name: state, emptyDir: {} }]
  containers:
    - name: app
      image: ${FIXTURE_BUSYBOX}
      imagePullPolicy: IfNotPresent
      volumeMounts: [{ name: state, mountPath: /state }]
      command: [sh, -c, 'if [ ! -f /state/crashed ]; then touch /state/crashed; echo "starting run"; echo "boom: giving up"; exit 3; fi; echo "second run"; exec sleep 3600']
---
apiVersion: v1
kind: Pod
metadata: { name: noshell, namespace: ${NS} }
spec:
  containers:
    - name: app
      image: ${NOSHELL}
      imagePullPolicy: IfNotPresent
---
apiVersion: v1
kind: Pod
metadata: { name: nopull, namespace: ${NS} }
spec:
  containers:
    - name: app
      image: berth-pods/not-there:v1
      imagePullPolicy: IfNotPresent
`;

/** GET over a fresh connection (no keep-alive), so each request is a new forwarded connection. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { connection: 'close' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

type Mirror<T> = ReturnType<typeof mirror<T>>;

/** A live list through Berth's stream, mirrored into a map until the file ends. */
function liveList<T>(idOf: (item: T) => string, subscribe: (h: Mirror<T>) => Subscription): Mirror<T> {
  const m = mirror<T>(idOf);
  subs.push(subscribe(m));
  return m;
}

/** Collects an exec stream until it ends. */
function execStream(input: Record<string, unknown>) {
  const out = { text: '', events: [] as TerminalEvent[], ended: false, error: undefined as ApiErrorShape | undefined };
  const sub = t.api.kube.exec.subscribe(
    { ...target(), namespace: NS, cols: 100, rows: 30, ...input } as Parameters<typeof t.api.kube.exec.subscribe>[0],
    {
      onEvent: (e) => {
        out.events.push(e);
        if (e.type === 'output') out.text += e.data;
      },
      onEnd: (error) => {
        out.ended = true;
        out.error = error;
      },
    },
  );
  subs.push(sub);
  return { out, sub };
}

function logStream(input: Record<string, unknown>) {
  const out = { lines: [] as PodLogsEvent['lines'], ended: false, error: undefined as ApiErrorShape | undefined };
  subs.push(
    t.api.kube.podLogs.subscribe(
      { ...target(), namespace: NS, ...input } as Parameters<typeof t.api.kube.podLogs.subscribe>[0],
      {
        onEvent: (e) => out.lines.push(...e.lines),
        onEnd: (error) => {
          out.ended = true;
          out.error = error;
        },
      },
    ),
  );
  return out;
}

describe('pods on a real kind cluster', () => {
  let pods: Mirror<KubePod>;
  let events: Mirror<KubeEvent>;
  const webPod = () =>
    [...pods.items.values()].find(
      (p) => p.name.startsWith('web-') && p.display === 'Running' && p.containers[0]?.ready,
    );

  beforeAll(async () => {
    await buildNoShellImage();
    cluster = await createKindCluster({ workers: 1, prefix: 'berth-pods' });
    await cluster.loadImages(FIXTURE_BUSYBOX, NOSHELL);
    await cluster.kubectl('create', 'namespace', NS);
    await eventually('default service account', () => cluster.kubectl('-n', NS, 'get', 'sa', 'default'), 60_000);
    const dir = mkdtempSync(join(tmpdir(), 'berth-pods-yaml-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'all.yaml'), MANIFESTS);
    await cluster.kubectl('apply', '-f', join(dir, 'all.yaml'));
    rmSync(dir, { recursive: true, force: true });
    t = startTestBackend();
    pods = liveList<KubePod>(
      (p) => p.id,
      (h) => t.api.kube.pods.subscribe({ ...target(), namespace: NS }, h),
    );
    events = liveList<KubeEvent>(
      (e) => e.id,
      (h) => t.api.kube.events.subscribe({ ...target(), namespace: NS }, h),
    );
    await eventually(
      'web and ticker running',
      () => webPod() && pods.items.get(`${NS}/ticker`)?.display === 'Running',
      120_000,
    );
  }, 15 * 60_000);

  afterAll(async () => {
    for (const s of subs) s.unsubscribe();
    t?.close();
    await cluster?.kubectl('delete', 'namespace', NS, '--wait=false').catch(() => '');
    await cluster?.delete();
    await docker('rmi', '-f', NOSHELL).catch(() => '');
  }, 5 * 60_000);

  it('follows a log as it grows, with timestamps', async () => {
    const log = logStream({ name: 'ticker', follow: true, tailLines: 5, timestamps: true });
    await eventually('a few ticks', () => log.lines.length >= 3, 30_000);
    const first = Number(log.lines[0]?.text.split(' ')[1]);
    await eventually(
      'newer ticks while following',
      () => log.lines.some((l) => Number(l.text.split(' ')[1]) >= first + 8),
      30_000,
    );
    expect(log.lines[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(log.lines[0]?.text).toMatch(/^tick \d+$/);
    expect(log.ended).toBe(false);
  });

  it('keeps a pod container’s whole log as a session: from its first line, growing while followed, searchable, kubectl’s bytes', async () => {
    let state: LogSessionState | undefined;
    let session = '';
    subs.push(
      t.api.kube.podLogSession.subscribe(
        { ...target(), namespace: NS, name: 'ticker' },
        {
          onEvent: (e) => {
            if (e.type === 'opened') session = e.session;
            else state = e;
          },
        },
      ),
    );
    await eventually('a few lines kept', () => (state?.lines ?? 0) >= 5, 60_000);
    expect(state?.following).toBe(true);
    const { lines } = await t.api.logs.read({ session, from: 0, to: 3 });
    expect(lines.map((l) => l.text)).toEqual(['tick 0', 'tick 1', 'tick 2']); // the whole log, not a tail
    expect(lines[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    const grown = state?.lines ?? 0;
    await eventually('more lines while followed', () => (state?.lines ?? 0) >= grown + 3, 30_000);
    let found: LogSearchEvent | undefined;
    subs.push(t.api.logs.search.subscribe({ session, text: '^tick 1$', regex: true }, { onEvent: (e) => (found = e) }));
    await eventually('search done', () => found?.done, 30_000);
    expect(found?.count).toBe(1);
    expect(found?.first).toBe(1);
    const kept = t.backend.services.logSessions.get(session).spool;
    const ours = (await kept.readText(0, kept.textBytes)).toString('utf8');
    const theirs = await cluster.kubectl('-n', NS, 'logs', 'ticker');
    expect(theirs.startsWith(ours.trimEnd())).toBe(true);
  });

  it('shows a crashing container’s state, last run, restarts and the explaining event', async () => {
    const crasher = await eventually(
      'crasher restarted',
      () => {
        const c = pods.items.get(`${NS}/crasher`)?.containers[0];
        return c && c.restarts >= 1 && c.lastState ? c : undefined;
      },
      120_000,
    );
    expect(crasher.lastState).toMatchObject({ reason: 'Error', exitCode: 3 });
    await eventually(
      'CrashLoopBackOff or Error as the state',
      () => {
        const c = pods.items.get(`${NS}/crasher`)?.containers[0];
        return (
          c &&
          ((c.state === 'waiting' && c.reason === 'CrashLoopBackOff') || (c.state === 'terminated' && c.exitCode === 3))
        );
      },
      120_000,
    );
    expect(pods.items.get(`${NS}/crasher`)?.reason).toMatch(/^(CrashLoopBackOff|Error)$/);
    await eventually(
      'the BackOff warning about the crasher',
      () =>
        [...events.items.values()].some(
          (e) => e.object.name === 'crasher' && e.type === 'Warning' && e.reason === 'BackOff',
        ),
      120_000,
    );
  });

  it('shows the previous run’s log after a restart, and says when there was none', async () => {
    await eventually(
      'crashonce restarted and running',
      () => {
        const c = pods.items.get(`${NS}/crashonce`)?.containers[0];
        return c && c.restarts === 1 && c.state === 'running';
      },
      120_000,
    );
    expect(pods.items.get(`${NS}/crashonce`)?.containers[0]?.lastState).toMatchObject({ reason: 'Error', exitCode: 3 });
    const previous = logStream({ name: 'crashonce', previous: true });
    await eventually('previous log ended', () => previous.ended, 30_000);
    expect(previous.error).toBeUndefined();
    expect(previous.lines.map((l) => l.text)).toEqual(['starting run', 'boom: giving up']);
    const current = logStream({ name: 'crashonce', follow: false });
    await eventually('current log read', () => current.ended, 30_000);
    expect(current.lines.map((l) => l.text)).toEqual(['second run']);

    const never = logStream({ name: 'ticker', previous: true });
    await eventually('refused', () => never.ended, 30_000);
    expect(never.error).toMatchObject({ code: 'not_found' });
    expect(never.error?.message).toContain('has no previous run');
    expect(never.error?.hint).toBe('A previous log exists once the container has restarted.');
  });

  it('says why an image cannot be pulled, with its event', async () => {
    const c = await eventually(
      'nopull waiting on its image',
      () => {
        const x = pods.items.get(`${NS}/nopull`)?.containers[0];
        return x && (x.reason === 'ErrImagePull' || x.reason === 'ImagePullBackOff') ? x : undefined;
      },
      120_000,
    );
    expect(c.state).toBe('waiting');
    expect(pods.items.get(`${NS}/nopull`)?.reason).toMatch(/ErrImagePull|ImagePullBackOff/);
    await eventually(
      'a Failed/BackOff warning for nopull',
      () => [...events.items.values()].some((e) => e.object.name === 'nopull' && e.type === 'Warning'),
      60_000,
    );
    // Nothing runs there: a shell is refused with the state named.
    const { out } = execStream({ name: 'nopull' });
    await eventually('refused', () => out.ended, 30_000);
    expect(out.error?.code).toBe('conflict');
    expect(out.error?.message).toMatch(
      /^The container "app" of pod nopull is waiting \((ErrImagePull|ImagePullBackOff)\), so there is nothing to open a shell in\.$/,
    );
  });

  it('runs a command through the exec stream and reports its output and exit code', async () => {
    const pod = webPod() as KubePod;
    const { out } = execStream({
      name: pod.name,
      command: ['sh', '-c', 'echo "answer $((6*7))"; echo oops >&2; exit 3'],
      tty: false,
    });
    await eventually('command ended', () => out.ended, 30_000);
    expect(out.error).toBeUndefined();
    expect(out.events[0]).toMatchObject({ type: 'started', command: ['sh', '-c', expect.any(String)] });
    expect(out.text).toContain('answer 42\n');
    expect(out.text).toContain('oops\n');
    expect(out.events.at(-1)).toEqual({ type: 'exit', code: 3 });
  });

  it('opens a shell (/bin/bash is missing, so /bin/sh), types into it and resizes it', async () => {
    const pod = webPod() as KubePod;
    const { out } = execStream({ name: pod.name });
    const started = await eventually('started', () => out.events.find((e) => e.type === 'started'), 30_000);
    expect(started).toMatchObject({ command: ['/bin/sh'] });
    const sessionId = (started as { sessionId: string }).sessionId;
    await t.api.kube.execResize({ sessionId, cols: 120, rows: 40 });
    await t.api.kube.execWrite({ sessionId, data: 'echo "hi $((1+1))"; stty size\n' });
    await eventually('echo and size', () => out.text.includes('hi 2') && out.text.includes('40 120'), 30_000);
    await t.api.kube.execWrite({ sessionId, data: 'exit 5\n' });
    await eventually('shell exited', () => out.ended, 30_000);
    expect(out.events.at(-1)).toEqual({ type: 'exit', code: 5 });
    expect((await apiError(t.api.kube.execWrite({ sessionId, data: 'x' }))).code).toBe('not_found');
  });

  it('says clearly that a container has no shell', async () => {
    await eventually('noshell running', () => pods.items.get(`${NS}/noshell`)?.display === 'Running', 120_000);
    const { out } = execStream({ name: 'noshell' });
    await eventually('refused', () => out.ended, 30_000);
    expect(out.error).toMatchObject({
      code: 'not_found',
      message: 'Container "app" of pod noshell has no shell: neither /bin/bash nor /bin/sh exists in its image.',
    });
    expect(out.error?.hint).toContain('kubectl debug');
  });

  const forwards = () =>
    liveList<KubePortForward>(
      (f) => f.id,
      (h) => t.api.kube.portForwards.subscribe(undefined, h),
    );

  it('port-forwards a pod to a free local port and serves its page; lists it and stops it', async () => {
    const list = forwards();
    const pod = webPod() as KubePod;
    const f = await t.api.kube.portForward({ ...target(), namespace: NS, kind: 'pod', name: pod.name, port: 8080 });
    expect(f.url).toBe(`http://127.0.0.1:${f.localPort}/`);
    const page = await get(f.url);
    expect(page).toEqual({ status: 200, body: `hello from ${pod.name}\n` });
    const big = await get(`${f.url}index.html`);
    expect(big.status).toBe(200);
    await eventually('listed with its connections', () => {
      const x = list.items.get(f.id);
      return x && x.connections === 2 && x.active === 0 && x.pod === pod.name;
    });
    // kubectl's transport, SPDY through the API server, not the WebSocket fallback.
    expect(list.items.get(f.id)?.transport).toBe('spdy');
    await t.api.kube.stopPortForward({ id: f.id });
    await eventually('gone from the list', () => !list.items.has(f.id));
    await expect(get(f.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('names a taken local port and suggests a free one', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as net.AddressInfo).port;
    const pod = webPod() as KubePod;
    const e = await apiError(
      t.api.kube.portForward({ ...target(), namespace: NS, kind: 'pod', name: pod.name, port: 8080, localPort: port }),
    );
    taken.close();
    expect(e.code).toBe('conflict');
    expect(e.message).toBe(`Local port ${port} is already in use on 127.0.0.1.`);
    expect(e.hint).toMatch(/^Pick another local port: \d+ is free now, or leave it empty and Berth picks one\.$/);
    const notRunning = await apiError(
      t.api.kube.portForward({ ...target(), namespace: NS, kind: 'pod', name: 'nopull', port: 80 }),
    );
    expect(notRunning).toMatchObject({
      code: 'conflict',
      message: 'Pod nopull is pending, so there is nothing to forward to.',
    });
  });

  it('exposes the deployment as ClusterIP and NodePort; both show ready endpoints, and the node port answers', async () => {
    const services = liveList<KubeService>(
      (s) => s.id,
      (h) => t.api.kube.services.subscribe({ ...target(), namespace: NS }, h),
    );
    const slices = liveList<KubeEndpointSlice>(
      (s) => s.id,
      (h) => t.api.kube.endpointSlices.subscribe({ ...target(), namespace: NS }, h),
    );
    await expect(
      t.api.kube.expose({ ...target(), namespace: NS, name: 'web', port: 80, targetPort: 8080 }),
    ).resolves.toEqual({ service: 'web' });
    await expect(
      t.api.kube.expose({ ...target(), namespace: NS, name: 'web', service: 'web-node', type: 'NodePort', port: 8080 }),
    ).resolves.toEqual({ service: 'web-node' });
    const again = await apiError(t.api.kube.expose({ ...target(), namespace: NS, name: 'web', port: 80 }));
    expect(again).toMatchObject({ code: 'conflict', message: `A Service named web already exists in ${NS}.` });

    const svc = await eventually('web listed', () => services.items.get(`${NS}/web`));
    expect(svc).toMatchObject({
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }],
    });
    const node = await eventually('web-node with its node port', () => {
      const s = services.items.get(`${NS}/web-node`);
      return s?.ports[0]?.nodePort ? s : undefined;
    });
    expect(node.type).toBe('NodePort');
    const ready = (service: string) =>
      [...slices.items.values()].filter((s) => s.service === service).reduce((n, s) => n + s.ready, 0);
    await eventually('ready endpoints for both', () => ready('web') === 1 && ready('web-node') === 1, 60_000);
    const nodeIp = (
      await cluster.kubectl(
        'get',
        'nodes',
        '-o',
        'jsonpath={.items[0].status.addresses[?(@.type=="InternalIP")].address}',
      )
    ).trim();
    const page = await eventually(
      'the node port answers',
      () => get(`http://${nodeIp}:${node.ports[0]?.nodePort}/`).catch(() => undefined),
      60_000,
    );
    expect(page.body).toMatch(/^hello from web-/);
  });

  it('forwards a Service per connection: after its pod is deleted, a new connection reaches the replacement', async () => {
    const f = await t.api.kube.portForward({ ...target(), namespace: NS, kind: 'service', name: 'web', port: 80 });
    const first = await get(f.url);
    const before = first.body.trim().replace('hello from ', '');
    expect(before).toMatch(/^web-/);
    await t.api.kube.deletePod({ ...target(), namespace: NS, name: before });
    const after = await eventually(
      'a new pod answers through the same forward',
      async () => {
        const r = await get(f.url).catch(() => undefined);
        const name = r?.body.trim().replace('hello from ', '');
        return name && name !== before ? name : undefined;
      },
      120_000,
    );
    expect(after).toMatch(/^web-/);
    expect(pods.items.get(`${NS}/${after}`)?.owner?.kind).toBe('ReplicaSet');
    await t.api.kube.stopPortForward({ id: f.id });
    const gone = await apiError(
      t.api.kube.portForward({ ...target(), namespace: NS, kind: 'service', name: 'web', port: 81 }),
    );
    expect(gone).toMatchObject({
      code: 'invalid_input',
      message: 'Service web has no port 81.',
      hint: 'Its ports: 80.',
    });
  });

  it('deletes a bare pod, which does not come back', async () => {
    await t.api.kube.deletePod({ ...target(), namespace: NS, name: 'ticker' });
    await eventually('ticker gone', () => !pods.items.has(`${NS}/ticker`), 120_000);
    const e = await apiError(t.api.kube.deletePod({ ...target(), namespace: NS, name: 'ticker' }));
    expect(e.code).toBe('not_found');
  });
});
