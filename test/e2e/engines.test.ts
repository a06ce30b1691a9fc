/**
 * The engine picker and an ssh host key prompt in Chromium over the web bridge: docker contexts from a
 * DOCKER_CONFIG made here (one of them ssh:// to sshd in its own network namespace, see
 * test/helpers/sshEngineHost.ts), switching to it from the status bar, being asked to trust its unknown host
 * key with its fingerprint, connecting over ssh once trusted, and switching back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { startWebApp, type WebApp } from '../helpers/browser';
import { writeDockerContext } from '../helpers/dockerContext';
import { startSshEngineHost, type SshEngineHost } from '../helpers/sshEngineHost';

const config = mkdtempSync(join(tmpdir(), 'berth-e2e-contexts-'));
const configDir = mkdtempSync(join(tmpdir(), 'berth-e2e-engines-settings-'));
let host: SshEngineHost;
let app: WebApp;

beforeAll(async () => {
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

  it('switches back to the default engine', async () => {
    const page = app.page;
    await page.getByTestId('engine-picker-open').click();
    await page.getByTestId('use-context-default').click();
    await page
      .locator('[data-testid="engine-status"][data-state="connected"]', { hasNotText: 'over ssh' })
      .waitFor({ timeout: 60_000 });
  });
});
