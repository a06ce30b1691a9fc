/**
 * The engine picker and an ssh host key prompt in Chromium over the web bridge: docker contexts from a
 * DOCKER_CONFIG made here (one of them ssh:// to sshd in its own network namespace, see
 * test/helpers/sshEngineHost.ts), switching to it from the status bar, being asked to trust its unknown host
 * key with its fingerprint, connecting over ssh once trusted, and switching back. With the ssh context in
 * use, the Kubernetes view's kind Create button is disabled and says why (kind needs a local engine; kind
 * itself is there, so that is the only reason). The picker marks the docker CLI's current context, and
 * follows `docker context use` run in a terminal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { startWebApp, type WebApp } from '../helpers/browser';
import { writeDockerContext } from '../helpers/dockerContext';
import { startSshEngineHost, type SshEngineHost } from '../helpers/sshEngineHost';
import { KIND_BIN } from '../helpers/kubeCluster';

const exec = promisify(execFile);

const config = mkdtempSync(join(tmpdir(), 'berth-e2e-contexts-'));
const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-engines-settings-'));
const kubeDir = mkdtempSync(join(tmpdir(), 'berth-e2e-engines-kube-'));
const saved = { BERTH_KIND: process.env.BERTH_KIND, BERTH_KUBECONFIG: process.env.BERTH_KUBECONFIG };
let host: SshEngineHost;
let app: WebApp;

/** The docker CLI with this test's DOCKER_CONFIG, as a user types it in a terminal. */
const dockerCli = (...args: string[]) =>
  exec('docker', args, { env: { ...process.env, DOCKER_CONFIG: config, HOME: host.home } });

/** Which contexts the open picker badges as the docker CLI's current one. */
async function markedCurrent(page: Page): Promise<string[]> {
  const picker = page.getByTestId('engine-picker');
  await picker.getByTestId('engine-context-build-server').waitFor();
  const marked: string[] = [];
  for (const name of ['default', 'build-server']) {
    const badges = await picker.getByTestId(`engine-context-${name}`).locator('.badge').allTextContents();
    if (badges.includes("docker CLI's current")) marked.push(name);
  }
  return marked;
}

/** The Kubernetes view's Clusters tab. */
async function clustersTab(page: Page) {
  await page.evaluate(() => (location.hash = '#/kubernetes'));
  await page.getByRole('tab', { name: 'Clusters' }).click();
  return page.getByRole('button', { name: 'Create a kind cluster…' });
}

beforeAll(async () => {
  // kind is there (the cached build), so a disabled Create can only be the engine's doing; no kubeconfig of root's.
  process.env.BERTH_KIND = KIND_BIN;
  process.env.BERTH_KUBECONFIG = join(kubeDir, 'kubeconfig');
  host = await startSshEngineHost();
  writeDockerContext(config, 'build-server', host.url, 'the team build server');
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: config };
  for (const k of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'BERTH_DOCKER_HOST', 'SSH_AUTH_SOCK']) delete env[k];
  app = await startWebApp('#/containers', {
    configDir,
    engineEnv: { ...defaultEndpointEnv(), env, home: host.home },
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await host?.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  rmSync(kubeDir, { recursive: true, force: true });
  rmSync(config, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
});

describe('engine picker', () => {
  it('lists the contexts with the one in use marked', async () => {
    const page = app.page;
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('engine-picker-open').click();
    const picker = page.getByTestId('engine-picker');
    await picker.getByTestId('engine-context-build-server').waitFor();
    expect(await picker.getByTestId('engine-context-default').getAttribute('data-in-use')).toBe('true');
    const remote = picker.getByTestId('engine-context-build-server');
    expect(await remote.textContent()).toContain('remote');
    expect(await remote.textContent()).toContain('the team build server');
    // No `docker context use` yet: the CLI's current context is "default".
    expect(await markedCurrent(page)).toEqual(['default']);
  });

  it('switches to the ssh context, asks to trust its host key with the fingerprint, then connects over ssh', async () => {
    const page = app.page;
    await page.getByTestId('use-context-build-server').click();
    await page.getByTestId('trust-host-key').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('engine-status').getAttribute('data-state')).toBe('unreachable');
    await page.getByTestId('trust-host-key').click();
    const dialog = page.getByTestId('confirm');
    await dialog.getByText(await host.fingerprint(), { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Trust and connect' }).click();
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 60_000 });
    const text = (await page.getByTestId('engine-status').textContent()) ?? '';
    expect(text).toContain('build-server');
    expect(text).toContain('over ssh');
  });

  it('with the ssh context in use, kind’s Create is disabled and the Clusters tab says kind needs a local engine', async () => {
    const page = app.page;
    const create = await clustersTab(page);
    await page.getByTestId('kind-needs-local-engine').waitFor({ timeout: 30_000 });
    expect(await create.isDisabled()).toBe(true);
    expect(await create.getAttribute('title')).toBe('kind needs a Docker engine on this machine');
    const why = (await page.getByTestId('kind-needs-local-engine').textContent()) ?? '';
    expect(why).toContain('kind needs a Docker engine on this machine');
    expect(why).toContain(`Berth is connected to ${host.url}`);
  });

  it('switches back to the default engine, and kind’s Create is offered again', async () => {
    const page = app.page;
    await page.getByTestId('engine-picker-open').click();
    await page.getByTestId('use-context-default').click();
    await page
      .locator('[data-testid="engine-status"][data-state="connected"]', { hasNotText: 'over ssh' })
      .waitFor({ timeout: 60_000 });
    const create = await clustersTab(page);
    await page.getByTestId('kind-needs-local-engine').waitFor({ state: 'detached', timeout: 30_000 });
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('button')].some((b) => b.textContent === 'Create a kind cluster…' && !b.disabled),
      undefined,
      { timeout: 30_000 },
    );
    expect(await create.isDisabled()).toBe(false);
  });

  it('marks the context `docker context use` made current in a terminal, beside the one Berth uses', async () => {
    const page = app.page;
    await dockerCli('context', 'use', 'build-server');
    expect((await dockerCli('context', 'show')).stdout.trim()).toBe('build-server');
    await page.getByTestId('engine-picker-open').click();
    // The picker shows the contexts it last read while it reads them afresh: the badge moves once they are in.
    await expect.poll(() => markedCurrent(page), { timeout: 10_000 }).toEqual(['build-server']);
    // Berth stays on the engine the user picked in Berth.
    const picker = page.getByTestId('engine-picker');
    expect(await picker.getByTestId('engine-context-default').getAttribute('data-in-use')).toBe('true');
    expect(await picker.getByTestId('engine-context-build-server').getAttribute('data-in-use')).toBe('false');
  });
});
