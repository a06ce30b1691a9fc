/** The kube client cache: one set of clients per (kubeconfig, context), new ones when the kubeconfig's entries change. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
