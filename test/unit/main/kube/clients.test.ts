/** The kube client cache: one set of clients per (kubeconfig, context), new ones when the kubeconfig's entries change; what a request carries. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeClientCache } from '../../../../main/kube/clients';

const dir = mkdtempSync(join(tmpdir(), 'berth-clients-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kubeconfig = (server: string) => `apiVersion: v1
kind: Config
clusters:
- name: dev
  cluster: { server: "${server}" }
users:
- name: me
  user: { token: t }
contexts:
- name: dev
  context: { cluster: dev, user: me }
current-context: dev
`;

describe('kube client cache', { timeout: 30_000 }, () => {
  it('reuses the clients of a context until its cluster changes, and forgets them on clear', async () => {
    const file = join(dir, 'config');
    writeFileSync(file, kubeconfig('https://127.0.0.1:6443'));
    const cache = new KubeClientCache();
    const first = await cache.clientsFor({ context: 'dev', kubeconfig: file });
    expect(first.server).toBe('https://127.0.0.1:6443');
    expect(await cache.clientsFor({ context: 'dev', kubeconfig: file })).toBe(first);
    expect(await new KubeClientCache().clientsFor({ context: 'dev', kubeconfig: file })).not.toBe(first);

    writeFileSync(file, kubeconfig('https://127.0.0.1:7443'));
    const edited = await cache.clientsFor({ context: 'dev', kubeconfig: file });
    expect(edited).not.toBe(first);
    expect(edited.server).toBe('https://127.0.0.1:7443');

    cache.clear();
    expect(await cache.clientsFor({ context: 'dev', kubeconfig: file })).not.toBe(edited);
  });

  it('names itself to the API server and sends the context’s token', async () => {
    const seen: Array<{ url?: string; agent?: string; auth?: string }> = [];
    const server = http.createServer((req, res) => {
      seen.push({ url: req.url, agent: req.headers['user-agent'], auth: req.headers.authorization });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ gitVersion: 'v1.99.0', major: '1', minor: '99', platform: 'test/os' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const file = join(dir, 'plain-http');
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      writeFileSync(file, kubeconfig(url).replace('server: "', 'insecure-skip-tls-verify: true, server: "'));
      const clients = await new KubeClientCache().clientsFor({ context: 'dev', kubeconfig: file });
      expect((await clients.version.getCode()).gitVersion).toBe('v1.99.0');
      expect(seen).toEqual([{ url: '/version', agent: 'Berth', auth: 'Bearer t' }]);
    } finally {
      server.close();
    }
  });
});
