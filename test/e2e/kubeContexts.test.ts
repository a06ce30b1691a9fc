/**
 * The Kubernetes contexts in Chromium with a KUBECONFIG of two files: the working context (the control
 * plane's client certificate) shows its version while a context on a port that never answers is still
 * being checked, one on a closed port shows its error and hint, the insecure-skip-tls-verify context is
 * marked in the list and in the context bar; the namespace picked in each context comes back when that
 * context is picked again (kept in Berth's settings file, without any credential in it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually } from '../helpers/docker';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { freePort } from '../helpers/net';

let cluster: KubeCluster;
let app: WebApp;
let dir: string;
let clientKey: string;
const nsA = testNamespace();
const nsB = testNamespace();
const savedEnv = { ...process.env };
const closers: Array<() => void> = [];

beforeAll(async () => {
  cluster = await useKubeCluster();
  await kubectl('create', 'namespace', nsA);
  await kubectl('create', 'namespace', nsB);
  dir = mkdtempSync(join(tmpdir(), 'berth-kubecontexts-'));
  const doc = parse(readFileSync(cluster.kubeconfig, 'utf8')) as {
    clusters: Array<{ cluster: Record<string, string> }>;
    users: Array<{ user: Record<string, string> }>;
  };
  const { server, 'certificate-authority-data': ca } = doc.clusters[0]!.cluster;
  const user = doc.users[0]!.user;
  clientKey = user['client-key-data']!;

  // A port that accepts and never answers, and one nobody listens on.
  const sockets = new Set<net.Socket>();
  const silent = net.createServer((s) => sockets.add(s.on('error', () => {})));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  closers.push(() => {
    sockets.forEach((s) => s.destroy());
    silent.close();
  });
  const silentPort = (silent.address() as net.AddressInfo).port;
  const closedPort = await freePort();

  const file = (name: string, config: object) => {
    const path = join(dir, name);
    writeFileSync(path, stringify({ apiVersion: 'v1', kind: 'Config', ...config }));
    return path;
  };
  const first = file('working', {
    'current-context': 'working',
    clusters: [{ name: 'kwok', cluster: { server, 'certificate-authority-data': ca } }],
    users: [{ name: 'admin', user }],
    contexts: [{ name: 'working', context: { cluster: 'kwok', user: 'admin' } }],
  });
  const second = file('others', {
    'current-context': 'unreachable',
    clusters: [
      { name: 'closed', cluster: { server: `https://127.0.0.1:${closedPort}`, 'certificate-authority-data': ca } },
      { name: 'silent', cluster: { server: `https://127.0.0.1:${silentPort}`, 'certificate-authority-data': ca } },
      { name: 'unverified', cluster: { server, 'insecure-skip-tls-verify': true } },
    ],
    users: [{ name: 'someone', user: { token: 'a-token-that-never-gets-sent-anywhere' } }],
    contexts: [
      { name: 'unreachable', context: { cluster: 'closed', user: 'someone' } },
      { name: 'silent', context: { cluster: 'silent', user: 'someone' } },
      { name: 'insecure', context: { cluster: 'unverified', user: 'admin' } },
    ],
  });
  delete process.env.BERTH_KUBECONFIG;
  process.env.KUBECONFIG = [first, second].join(delimiter);
  process.env.BERTH_CONFIG_DIR = join(dir, 'config');
  mkdirSync(process.env.BERTH_CONFIG_DIR);
  app = await startWebApp('#/kubernetes');
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  closers.forEach((close) => close());
  process.env = { ...savedEnv };
  await deleteNamespaces(nsA, nsB);
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const row = (context: string) => app.page.locator(`[data-testid="kube-contexts"] tr[data-context="${context}"]`);
const state = (context: string) => row(context).getByTestId('kube-context-status');

describe('Kubernetes contexts in Chromium', () => {
  it('lists both files’ contexts; the working one answers while the silent one is still checked', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Clusters' }).click();
    await row('working').waitFor({ timeout: 30_000 });
    const names = await page
      .locator('[data-testid="kube-contexts"] tr[data-context]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-context')));
    expect(names).toEqual(['working', 'unreachable', 'silent', 'insecure']);
    await expect(row('working').textContent()).resolves.toContain('(current)');

    await state('working').and(page.locator('[data-state="ok"]')).waitFor({ timeout: 30_000 });
    expect(await state('working').textContent()).toMatch(/^v1\.34\./);
    // The silent cluster does not hold the list up: it is still being checked.
    expect(await state('silent').getAttribute('data-state')).toBe('checking');

    await state('unreachable').and(page.locator('[data-state="error"]')).waitFor({ timeout: 30_000 });
    const unreachable = await state('unreachable').textContent();
    expect(unreachable).toContain(`Cluster of context "unreachable" not reachable`);
    expect(unreachable).toContain('pick another context');
    await state('silent').and(page.locator('[data-state="error"]')).waitFor({ timeout: 30_000 });
    expect(await state('silent').textContent()).toContain('timed out');

    expect(await row('insecure').getByTestId('kube-insecure').textContent()).toBe('TLS not verified');
    expect(await row('working').getByTestId('kube-insecure').count()).toBe(0);
    expect(await row('working').textContent()).toContain('client certificate');
    expect(await row('unreachable').textContent()).toContain('bearer token');
    const html = await page.content();
    expect(html).not.toContain('a-token-that-never-gets-sent-anywhere');
    expect(html).not.toContain(clientKey.slice(40, 120));
  });

  it('warns in the context bar and brings back each context’s namespace', async () => {
    const { page } = app;
    const pick = async (context: string) => {
      await page.getByTestId('kube-context').selectOption(context);
      await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 30_000 });
    };
    const namespace = page.getByTestId('kube-namespace');
    const choose = async (ns: string) => {
      await namespace.locator(`option[value="${ns}"]`).waitFor({ state: 'attached', timeout: 30_000 });
      await namespace.selectOption(ns);
    };
    await pick('working');
    expect(await page.getByTestId('kube-insecure-current').count()).toBe(0);
    await choose(nsA);
    await pick('insecure');
    await page.getByTestId('kube-insecure-current').waitFor();
    await choose(nsB);
    await pick('working');
    await eventually('namespace A back', async () => (await namespace.inputValue()) === nsA);
    await pick('insecure');
    await eventually('namespace B back', async () => (await namespace.inputValue()) === nsB);

    const settings = readFileSync(join(dir, 'config', 'settings.json'), 'utf8');
    expect(JSON.parse(settings).kubeNamespaces).toEqual({ working: nsA, insecure: nsB });
    expect(settings).not.toContain(clientKey.slice(40, 120));
    expect(settings).not.toContain('a-token-that-never-gets-sent-anywhere');
  });
});
