/**
 * Any kubeconfig against the real control plane (kube-apiserver with RBAC and ServiceAccount tokens, kwok
 * nodes): two files merged through KUBECONFIG (one with the client-certificate context, one with token
 * contexts), a ServiceAccount's token from the TokenRequest API used inline, from a token-file and from an
 * exec credential plugin (a shell script that counts its runs: one run for concurrent requests, again after
 * its expirationTimestamp or after the server refused its token; a failing one's stderr in the error;
 * interactiveMode Always refused), proxy-url
 * through a CONNECT proxy on loopback that counts its tunnels, insecure-skip-tls-verify, a missing
 * certificate-authority file, and two dead clusters beside the working one (a closed port, and a port that
 * accepts and never answers). Last, the token and key material is looked for in everything Berth logged,
 * wrote to its settings folder or sent to the client during the test: it is nowhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createBackend } from '../../main/backend';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { freePort } from '../helpers/net';
import { eventually } from '../helpers/docker';
import { live } from '../helpers/collection';
import { apiError } from '../helpers/errors';
import type { KubePod } from '../../contract/kube';

let cluster: KubeCluster;
let client: InProcessClient;
let dir: string;
let configDir: string;
let ns: string;
let saToken: string;
/** The tokens of the ServiceAccount's earlier lives (it is deleted and made again below). */
const oldTokens: string[] = [];
let admin: { server: string; ca: string; cert: string; key: string };
const savedEnv = { ...process.env };
/** Everything Berth logged or printed during the test, and everything the client received. */
const logs: string[] = [];
const received: unknown[] = [];
const closers: Array<() => void> = [];

const V1 = 'client.authentication.k8s.io/v1';
const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

/** The exec credential plugin: counts its runs, keeps the request it got, prints the token it is given. */
const PLUGIN = `#!/bin/sh
dir="$1"
n=$(cat "$dir/runs-$PLUGIN_NAME" 2>/dev/null || echo 0)
echo $((n + 1)) > "$dir/runs-$PLUGIN_NAME"
printf '%s' "$KUBERNETES_EXEC_INFO" > "$dir/info-$PLUGIN_NAME"
token=$(cat "$dir/sa.token")
if [ "$PLUGIN_FAIL" = 1 ]; then
  printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"}}\\n' "$API_VERSION" "$token"
  echo "corp-login: your session expired; run corp-login in a terminal" >&2
  exit 4
fi
exp=""
if [ -n "$EXPIRE_SECONDS" ]; then
  at=$(date -u -d "+$EXPIRE_SECONDS seconds" +%Y-%m-%dT%H:%M:%SZ)
  echo "$at" > "$dir/expires-$PLUGIN_NAME"
  exp=",\\"expirationTimestamp\\":\\"$at\\""
fi
printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"%s"%s}}\\n' "$API_VERSION" "$token" "$exp"
`;

const runs = (name: string): number => {
  try {
    return Number(readFileSync(join(dir, `runs-${name}`), 'utf8').trim());
  } catch {
    return 0;
  }
};

/** A CONNECT proxy on loopback that counts the tunnels it opens and where they go. */
async function connectProxy() {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    seen.push(req.url ?? '');
    sockets.add(socket);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host ?? '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  closers.push(() => {
    sockets.forEach((s) => s.destroy());
    server.close();
  });
  return { url: `http://proxyuser:proxy-password@127.0.0.1:${port}`, seen };
}

/** A port that accepts connections and never says anything. */
async function silentPort(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => {
    sockets.forEach((s) => s.destroy());
    server.close();
  });
  return (server.address() as net.AddressInfo).port;
}

let proxy: Awaited<ReturnType<typeof connectProxy>>;
let fileA: string;
let fileB: string;

beforeAll(async () => {
  cluster = await useKubeCluster();
  dir = mkdtempSync(join(tmpdir(), 'berth-kubeconf-'));
  configDir = join(dir, 'berth-config');
  mkdirSync(configDir);

  // The test cluster's admin: client certificate and CA, embedded in its kubeconfig.
  const doc = parse(readFileSync(cluster.kubeconfig, 'utf8')) as {
    clusters: Array<{ cluster: Record<string, string> }>;
    users: Array<{ user: Record<string, string> }>;
  };
  const c = doc.clusters[0]!.cluster;
  const u = doc.users[0]!.user;
  admin = {
    server: c.server!,
    ca: c['certificate-authority-data']!,
    cert: u['client-certificate-data']!,
    key: u['client-key-data']!,
  };

  // A ServiceAccount that may read pods in its own namespace, and a token for it (TokenRequest API).
  ns = testNamespace();
  await kubectl('create', 'namespace', ns);
  await kubectl('-n', ns, 'create', 'serviceaccount', 'viewer');
  await kubectl('-n', ns, 'create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods');
  await kubectl(
    '-n',
    ns,
    'create',
    'rolebinding',
    'viewer-reads',
    '--role=pod-reader',
    `--serviceaccount=${ns}:viewer`,
  );
  saToken = await kubectl('-n', ns, 'create', 'token', 'viewer', '--duration=1h');
  expect(saToken.split('.')).toHaveLength(3);
  writeFileSync(join(dir, 'sa.token'), saToken);
  const plugin = join(dir, 'plugin.sh');
  writeFileSync(plugin, PLUGIN);
  chmodSync(plugin, 0o755);

  const closedPort = await freePort();
  const silent = await silentPort();
  proxy = await connectProxy();

  // File A: the client-certificate contexts (inline data, and files named relative to the kubeconfig).
  mkdirSync(join(dir, 'a', 'pki'), { recursive: true });
  writeFileSync(join(dir, 'a', 'pki', 'ca.crt'), Buffer.from(admin.ca, 'base64'));
  writeFileSync(join(dir, 'a', 'pki', 'admin.crt'), Buffer.from(admin.cert, 'base64'));
  writeFileSync(join(dir, 'a', 'pki', 'admin.key'), Buffer.from(admin.key, 'base64'));
  fileA = join(dir, 'a', 'config');
  writeFileSync(
    fileA,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'admin',
      clusters: [
        { name: 'kwok', cluster: { server: admin.server, 'certificate-authority-data': admin.ca } },
        { name: 'kwok-files', cluster: { server: admin.server, 'certificate-authority': 'pki/ca.crt' } },
      ],
      users: [
        { name: 'admin', user: { 'client-certificate-data': admin.cert, 'client-key-data': admin.key } },
        { name: 'admin-files', user: { 'client-certificate': 'pki/admin.crt', 'client-key': 'pki/admin.key' } },
      ],
      contexts: [
        { name: 'admin', context: { cluster: 'kwok', user: 'admin' } },
        { name: 'admin-files', context: { cluster: 'kwok-files', user: 'admin-files' } },
        { name: 'shared', context: { cluster: 'kwok', user: 'admin' } },
      ],
    }),
  );

  // File B: token contexts; its own `kwok` cluster and `shared` context lose to file A's.
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'b', 'viewer.token'), saToken);
  const execUser = (name: string, apiVersion: string, env: Record<string, string>, more = {}) => ({
    name,
    user: {
      exec: {
        apiVersion,
        command: plugin,
        args: [dir],
        env: Object.entries({ PLUGIN_NAME: name, API_VERSION: apiVersion, ...env }).map(([k, v]) => ({
          name: k,
          value: v,
        })),
        ...more,
      },
    },
  });
  const withCa = (server: string, more = {}) => ({ server, 'certificate-authority-data': admin.ca, ...more });
  fileB = join(dir, 'b', 'config');
  writeFileSync(
    fileB,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'sa-token',
      clusters: [
        { name: 'kwok', cluster: withCa(`https://127.0.0.1:${closedPort}`) },
        { name: 'dead-closed', cluster: withCa(`https://127.0.0.1:${closedPort}`) },
        { name: 'dead-silent', cluster: withCa(`https://127.0.0.1:${silent}`) },
        // Plain http to the same silent port: the connection is made, the answer never comes.
        { name: 'dead-http', cluster: { server: `http://127.0.0.1:${silent}`, 'insecure-skip-tls-verify': true } },
        { name: 'proxied', cluster: withCa(admin.server, { 'proxy-url': proxy.url }) },
        { name: 'insecure', cluster: { server: admin.server, 'insecure-skip-tls-verify': true } },
        { name: 'no-ca', cluster: { server: admin.server, 'certificate-authority': 'gone/ca.crt' } },
      ],
      users: [
        { name: 'viewer', user: { token: saToken } },
        { name: 'viewer-file', user: { 'token-file': 'viewer.token' } },
        execUser('viewer-exec', V1, { EXPIRE_SECONDS: '12' }, { interactiveMode: 'IfAvailable' }),
        execUser('viewer-exec-beta', V1BETA1, {}),
        execUser('viewer-exec-failing', V1, { PLUGIN_FAIL: '1' }, { interactiveMode: 'Never' }),
        execUser('viewer-exec-always', V1, {}, { interactiveMode: 'Always' }),
        { name: 'admin', user: { token: 'not-used-file-a-wins' } },
      ],
      contexts: [
        { name: 'sa-token', context: { cluster: 'kwok', user: 'viewer', namespace: ns } },
        { name: 'sa-token-file', context: { cluster: 'kwok', user: 'viewer-file', namespace: ns } },
        { name: 'sa-exec', context: { cluster: 'kwok', user: 'viewer-exec', namespace: ns } },
        { name: 'sa-exec-beta', context: { cluster: 'kwok', user: 'viewer-exec-beta' } },
        { name: 'sa-exec-failing', context: { cluster: 'kwok', user: 'viewer-exec-failing' } },
        { name: 'sa-exec-always', context: { cluster: 'kwok', user: 'viewer-exec-always' } },
        { name: 'shared', context: { cluster: 'dead-closed', user: 'viewer' } },
        { name: 'dead-closed', context: { cluster: 'dead-closed', user: 'viewer' } },
        { name: 'dead-silent', context: { cluster: 'dead-silent', user: 'viewer' } },
        { name: 'dead-http', context: { cluster: 'dead-http', user: 'viewer' } },
        { name: 'proxied', context: { cluster: 'proxied', user: 'admin' } },
        { name: 'insecure', context: { cluster: 'insecure', user: 'admin' } },
        { name: 'no-ca', context: { cluster: 'no-ca', user: 'admin' } },
      ],
    }),
  );

  delete process.env.BERTH_KUBECONFIG;
  // The kube layer's debug log on, so there is something to search.
  process.env.BERTH_KUBE_DEBUG = '1';
  process.env.KUBECONFIG = [fileA, join(dir, 'not-there'), fileB].join(delimiter);

  // What Berth prints goes to the log under test as well as to the terminal.
  for (const stream of [process.stdout, process.stderr] as const) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      logs.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    closers.push(() => (stream.write = write as typeof stream.write));
  }
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      const line = args.map(String).join(' ');
      logs.push(line);
      // The kube debug log is for the search below, not for the test's output.
      if (!line.startsWith('[kube]')) original(...args);
    };
    closers.push(() => (console[level] = original));
  }
  const backend = createBackend({
    shell: webShell,
    validateOutputs: 'fail',
    configDir,
    log: (m) => logs.push(m),
  });
  client = connectInProcess(backend);
  client.listeners.add((m) => received.push(m));
}, 40 * 60_000);

afterAll(async () => {
  client?.close();
  closers.forEach((close) => close());
  process.env = { ...savedEnv };
  if (ns) await deleteNamespaces(ns);
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const api = () => client.api;

describe('any kubeconfig against the real control plane', () => {
  it('merges the two KUBECONFIG files with kubectl’s rules and names each context’s auth, never its secret', async () => {
    const contexts = await api().kube.contexts();
    expect(contexts.map((c) => c.name)).toEqual([
      'admin',
      'admin-files',
      'shared',
      'sa-token',
      'sa-token-file',
      'sa-exec',
      'sa-exec-beta',
      'sa-exec-failing',
      'sa-exec-always',
      'dead-closed',
      'dead-silent',
      'dead-http',
      'proxied',
      'insecure',
      'no-ca',
    ]);
    // The first file's current-context wins; file A's `kwok` cluster and `shared` context win.
    expect(contexts.filter((c) => c.current).map((c) => c.name)).toEqual(['admin']);
    const by = new Map(contexts.map((c) => [c.name, c]));
    expect(by.get('shared')).toMatchObject({ cluster: 'kwok', server: admin.server, auth: 'clientCertificate' });
    expect(by.get('sa-token')).toMatchObject({ server: admin.server, auth: 'token', namespace: ns });
    expect(by.get('sa-token-file')?.auth).toBe('tokenFile');
    expect(by.get('sa-exec')).toMatchObject({ auth: 'exec', execCommand: 'plugin.sh' });
    expect(by.get('insecure')).toMatchObject({ insecure: true });
    expect(by.get('admin')).toMatchObject({ insecure: false });
    expect(by.get('proxied')?.proxyUrl).toBe(proxy.url.replace('proxyuser:proxy-password@', ''));
    // The working contexts answer, whichever file they came from.
    for (const context of ['admin', 'admin-files', 'shared', 'sa-token', 'sa-token-file']) {
      expect((await api().kube.status({ context })).version, context).toMatch(/^v1\.34\./);
    }
  });

  it('uses the ServiceAccount’s token as that ServiceAccount: its namespace readable, others forbidden', async () => {
    const pods = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'sa-token', namespace: ns }, h),
      (p) => p.id,
    );
    await eventually('the pod list', () => pods.events.length > 0);
    expect(pods.ended).toBeUndefined();
    pods.sub.unsubscribe();
    const other = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'sa-token-file', namespace: 'default' }, h),
      (p) => p.id,
    );
    await eventually('refused', () => other.ended !== undefined);
    expect(other.ended).toMatchObject({ code: 'failed' });
    expect(other.ended?.message).toContain(`system:serviceaccount:${ns}:viewer`);
  });

  it('runs the exec plugin once for concurrent requests, reuses its token until it expires, then runs it again', async () => {
    expect(runs('viewer-exec')).toBe(0);
    const first = await Promise.all([1, 2, 3].map(() => api().kube.status({ context: 'sa-exec' })));
    expect(first.every((s) => s.version.startsWith('v1.34.'))).toBe(true);
    expect(runs('viewer-exec')).toBe(1);
    const info = JSON.parse(readFileSync(join(dir, 'info-viewer-exec'), 'utf8'));
    expect(info).toEqual({ apiVersion: V1, kind: 'ExecCredential', spec: { interactive: false } });
    // A watch opened with the plugin's token sees a pod created meanwhile.
    const pods = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'sa-exec', namespace: ns }, h),
      (p) => p.id,
    );
    await eventually('the pod list', () => pods.events.length > 0);
    await kubectl('-n', ns, 'run', 'probe', '--image=berth-fixture/busybox:latest', '--restart=Never');
    await eventually('the new pod in the exec context’s watch', () => pods.items.has(`${ns}/probe`));
    pods.sub.unsubscribe();
    expect(runs('viewer-exec')).toBe(1);
    // After its expirationTimestamp the token is not used again: the next request runs the plugin.
    const expires = Date.parse(readFileSync(join(dir, 'expires-viewer-exec'), 'utf8').trim());
    await eventually('the token’s expiry', () => Date.now() > expires + 500, 30_000);
    await api().kube.status({ context: 'sa-exec' });
    expect(runs('viewer-exec')).toBe(2);
    // v1beta1, no expiry: kept.
    await api().kube.status({ context: 'sa-exec-beta' });
    await api().kube.status({ context: 'sa-exec-beta' });
    expect(runs('viewer-exec-beta')).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'info-viewer-exec-beta'), 'utf8')).apiVersion).toBe(V1BETA1);
  });

  it('after the server refuses the plugin’s token (401), the next request runs the plugin again', async () => {
    // sa-exec-beta's answer has no expiry: Berth would use it for ever, were it not refused.
    expect((await api().kube.status({ context: 'sa-exec-beta' })).version).toMatch(/^v1\.34\./);
    const before = runs('viewer-exec-beta');
    // The ServiceAccount made again: its old tokens are no longer valid; the plugin now hands out a new one.
    await kubectl('-n', ns, 'delete', 'serviceaccount', 'viewer');
    await kubectl('-n', ns, 'create', 'serviceaccount', 'viewer');
    oldTokens.push(saToken);
    saToken = await kubectl('-n', ns, 'create', 'token', 'viewer', '--duration=1h');
    writeFileSync(join(dir, 'sa.token'), saToken);
    // The server refuses the old token once its token cache has noticed (sa-token has it inline).
    await eventually(
      'the old token refused',
      () =>
        api()
          .kube.status({ context: 'sa-token' })
          .then(
            () => false,
            (e: Error) => e.message.includes('Not authorised'),
          ),
      60_000,
    );
    const refused = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'sa-exec-beta', namespace: ns }, h),
      (p) => p.id,
    );
    await eventually('refused', () => refused.ended !== undefined);
    expect(refused.ended).toMatchObject({ code: 'failed', message: expect.stringContaining('Not authorised') });
    expect(runs('viewer-exec-beta')).toBe(before);
    const pods = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'sa-exec-beta', namespace: ns }, h),
      (p) => p.id,
    );
    await eventually('the pods with the new token', () => pods.items.has(`${ns}/probe`));
    expect(runs('viewer-exec-beta')).toBe(before + 1);
    pods.sub.unsubscribe();
  });

  it('a failing plugin’s stderr is in the error, its stdout (a token) is not; interactiveMode Always is refused', async () => {
    const failed = await apiError(api().kube.status({ context: 'sa-exec-failing' }));
    expect(failed.code).toBe('failed');
    expect(failed.message).toContain('failed (exit 4): corp-login: your session expired');
    expect(failed.hint).toBeTruthy();
    expect(failed.message).not.toContain(saToken);
    const always = await apiError(api().kube.status({ context: 'sa-exec-always' }));
    expect(always.message).toContain('needs a terminal');
    expect(runs('viewer-exec-always')).toBe(0);
  });

  it('goes through proxy-url’s CONNECT proxy', async () => {
    const before = proxy.seen.length;
    expect((await api().kube.status({ context: 'proxied' })).version).toMatch(/^v1\.34\./);
    const pods = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'proxied', namespace: ns }, h),
      (p) => p.id,
    );
    await eventually('the pods through the proxy', () => pods.items.has(`${ns}/probe`));
    pods.sub.unsubscribe();
    expect(proxy.seen.length).toBeGreaterThan(before);
    expect(new Set(proxy.seen.slice(before))).toEqual(new Set([new URL(admin.server).host]));
  });

  it('insecure-skip-tls-verify connects without a CA; a missing certificate-authority file is named', async () => {
    expect((await api().kube.status({ context: 'insecure' })).version).toMatch(/^v1\.34\./);
    const e = await apiError(api().kube.status({ context: 'no-ca' }));
    expect(e.code).toBe('not_found');
    expect(e.message).toBe(
      `The certificate-authority file ${join(dir, 'b', 'gone', 'ca.crt')} of cluster "no-ca" (context "no-ca") does not exist.`,
    );
    expect(e.hint).toContain('certificate-authority');
  });

  it('a dead cluster beside the working one: the working one answers first, the dead ones fail with a hint', async () => {
    let silentSettled = false;
    const silent = api()
      .kube.status({ context: 'dead-silent' })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
      .finally(() => (silentSettled = true));
    const closed = apiError(api().kube.status({ context: 'dead-closed' }));
    const working = await api().kube.status({ context: 'admin' });
    expect(working.version).toMatch(/^v1\.34\./);
    expect(silentSettled).toBe(false);
    const [silentError, closedError] = await Promise.all([silent, closed]);
    for (const e of [silentError, closedError]) {
      expect(e).toMatchObject({ code: 'cluster_unreachable', hint: expect.stringContaining('pick another context') });
    }
    expect((closedError as Error).message).toContain('ECONNREFUSED');
    expect((silentError as Error).message).toContain('timed out');
    // A live list of the silent cluster ends with the same error instead of waiting for ever, and the
    // working context's list still works meanwhile.
    const dead = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'dead-silent', namespace: 'default' }, h),
      (p) => p.id,
    );
    // Over plain http the request is sent and no answer comes: Berth's request timeout ends it.
    const deadHttp = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'dead-http', namespace: 'default' }, h),
      (p) => p.id,
    );
    const alive = live<KubePod>(
      (h) => api().kube.pods.subscribe({ context: 'admin', namespace: ns }, h),
      (p) => p.id,
    );
    await eventually('the working list', () => alive.items.has(`${ns}/probe`));
    expect(dead.ended).toBeUndefined();
    expect(deadHttp.ended).toBeUndefined();
    await eventually('the dead lists give up', () => dead.ended !== undefined && deadHttp.ended !== undefined, 90_000);
    expect(dead.ended).toMatchObject({ code: 'cluster_unreachable' });
    expect(deadHttp.ended).toMatchObject({
      code: 'cluster_unreachable',
      message: expect.stringContaining('(timed out)'),
      hint: expect.stringContaining('pick another context'),
    });
    alive.sub.unsubscribe();
  });

  it('keeps no credential in what it logged, wrote or sent', async () => {
    // The settings file is written during the test too (a remembered namespace).
    await api().settings.update({ kubeNamespaces: { 'sa-token': ns, admin: '' } });
    const files = readdirSync(configDir).map((f) => readFileSync(join(configDir, f), 'utf8'));
    expect(files.join('\n')).toContain(ns);
    const secrets = {
      'the ServiceAccount token': saToken,
      'its earlier token': oldTokens[0] ?? '',
      'its signature': saToken.split('.')[2]!,
      'the client key (base64)': admin.key.slice(40, 120),
      'the client key (PEM)': Buffer.from(admin.key, 'base64').toString('utf8').split('\n')[2]!,
      'the proxy password': 'proxy-password',
    };
    const haystacks = {
      logs: logs.join('\n'),
      'settings folder': files.join('\n'),
      'sent to the client': JSON.stringify(received),
    };
    expect(haystacks['sent to the client'].length).toBeGreaterThan(1000);
    expect(haystacks.logs).toContain('[kube]');
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length, what).toBeGreaterThanOrEqual(14);
      for (const [where, text] of Object.entries(haystacks)) {
        expect(text.includes(secret), `${what} in ${where}`).toBe(false);
      }
    }
  });
});
