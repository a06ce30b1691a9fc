/**
 * The drain against a fake API server (plain http): an eviction the server answers with HTTP 500 — what a
 * kube-apiserver that is stopping answers when its own loopback call for the pod's budgets is refused, seen
 * on the test control plane — is tried again, and the drain completes; a server that keeps answering 500
 * fails the drain after SERVER_ERROR_TRIES, naming the pod not evicted. The real API server stopped during
 * a drain is test/integration/faultsApiserverStopped.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClientCache } from '../../../../../main/kube/clients';
import { drainNode, SERVER_ERROR_TRIES } from '../../../../../main/kube/nodes/drain';
import type { TaskHandle } from '../../../../../main/tasks/taskManager';
import type { TaskStep } from '../../../../../contract/tasks';
import { ApiError } from '../../../../../contract/errors';

const REFUSED = {
  kind: 'Status',
  status: 'Failure',
  code: 500,
  reason: 'InternalError',
  message:
    'Get "https://127.0.0.1:6443/apis/policy/v1/namespaces/web/poddisruptionbudgets": dial tcp 127.0.0.1:6443: connect: connection refused',
};

const pod = {
  metadata: {
    name: 'web-1',
    namespace: 'web',
    uid: 'u1',
    resourceVersion: '1',
    ownerReferences: [{ kind: 'ReplicaSet', name: 'web-x', controller: true }],
  },
  spec: { nodeName: 'n1' },
  status: { phase: 'Running' },
};

/** A fake API server for one node holding one pod; `evictions(n)` answers the n-th eviction (1-based). */
async function fakeApiServer(evictions: (n: number) => { code: number; body: unknown }) {
  let evicted = 0;
  let gone = false;
  const watchers = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.setHeader('content-type', 'application/json');
    if (req.method === 'PATCH' && url.pathname === '/api/v1/nodes/n1') return res.end('{}');
    if (req.method === 'GET' && url.pathname === '/api/v1/pods') {
      if (url.searchParams.get('watch') === 'true') {
        watchers.add(res);
        res.writeHead(200);
        res.flushHeaders();
        res.on('close', () => watchers.delete(res));
        return;
      }
      return res.end(JSON.stringify({ metadata: { resourceVersion: '1' }, items: gone ? [] : [pod] }));
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/namespaces/web/pods/web-1/eviction') {
      req.resume();
      const answer = evictions(++evicted);
      res.statusCode = answer.code;
      res.end(JSON.stringify(answer.body));
      if (answer.code === 201) {
        gone = true;
        for (const w of watchers) w.write(JSON.stringify({ type: 'DELETED', object: pod }) + '\n');
      }
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ kind: 'Status', code: 404, message: `${req.method} ${url.pathname}` }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const dir = mkdtempSync(join(tmpdir(), 'berth-drain-'));
  const kubeconfig = join(dir, 'config');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {insecure-skip-tls-verify: true, server: "http://127.0.0.1:${(server.address() as AddressInfo).port}"}}]
users: [{name: me, user: {token: t}}]
contexts: [{name: fake, context: {cluster: fake, user: me}}]
current-context: fake
`,
  );
  const clients = await new KubeClientCache().clientsFor({ context: 'fake', kubeconfig });
  return {
    clients,
    evictions: () => evicted,
    close() {
      for (const w of watchers) w.destroy();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function task(): TaskHandle & { steps: TaskStep[]; lines: string[] } {
  const steps: TaskStep[] = [];
  const lines: string[] = [];
  return {
    id: 't',
    signal: new AbortController().signal,
    steps,
    lines,
    progress: () => undefined,
    step: (s) => void steps.push(s),
    log: (...l) => void lines.push(...l),
    runs: () => () => undefined,
  };
}

const options = { context: 'fake', node: 'n1', force: false, deleteEmptyDirData: false, timeoutSeconds: 30 };
let server: Awaited<ReturnType<typeof fakeApiServer>> | undefined;
afterEach(() => server?.close());

describe('drain: server errors on an eviction', { timeout: 20_000 }, () => {
  it('tries an eviction the server answered 500 again, and completes', async () => {
    server = await fakeApiServer((n) => (n === 1 ? { code: 500, body: REFUSED } : { code: 201, body: {} }));
    const t = task();
    expect(await drainNode(server.clients, options, t, 100)).toEqual({ node: 'n1', evicted: 1, skipped: 0 });
    expect(server.evictions()).toBe(2);
    expect(t.steps.map((s) => s.status)).toEqual([
      'Evicting',
      `Server error, retrying: ${REFUSED.message}`,
      'Evicted; waiting for it to go',
      'Evicted',
    ]);
    expect(t.lines.join('\n')).toContain('web/web-1: HTTP 500');
  });

  it(`fails after ${SERVER_ERROR_TRIES} server errors, naming the pod not evicted`, async () => {
    server = await fakeApiServer(() => ({ code: 500, body: REFUSED }));
    const t = task();
    const error = await drainNode(server.clients, options, t, 100).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(server.evictions()).toBe(SERVER_ERROR_TRIES);
    const e = error as ApiError;
    expect(e.code).toBe('failed');
    expect(e.message).toMatch(
      /^Drain of n1 stopped: Get .*connection refused Evicted: none\. Not evicted: web\/web-1\./,
    );
    expect(t.steps.at(-1)).toMatchObject({ id: 'web/web-1', status: 'Not evicted' });
  });
});
