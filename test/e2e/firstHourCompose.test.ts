/**
 * A new user's first hour with the Compose view (issue 14), in Chromium with the real docker-compose: the
 * open file's preview and the CLI's verdict follow the file and its `.env` as they change on disk (item 3);
 * a failed up's toast wraps its long words and is replaced by the next up's success, and toasts expire (7);
 * a stack's rows count their uptime on without any engine event (5); a YAML error names its position once (15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually } from '../helpers/docker';
import { freePort } from '../helpers/net';
import { project, purge } from '../helpers/compose';

let app: WebApp;
let blocker: Server | undefined;
const p = project('first-hour');
const dir = mkdtempSync(join(tmpdir(), 'berth-first-hour-compose-'));
const file = join(dir, 'compose.yaml');
let port = 0;

const composeText = (containerPort: number, extra = '') =>
  [
    'services:',
    '  web:',
    '    image: berth-fixture/busybox:latest',
    '    command: ["sleep", "3600"]',
    '    ports:',
    `      - "127.0.0.1:\${WEB_PORT:?set WEB_PORT in .env}:${containerPort}"`,
    extra,
  ].join('\n');

beforeAll(async () => {
  port = await freePort();
  writeFileSync(file, composeText(80));
  app = await startWebApp('#/compose');
});

afterAll(async () => {
  blocker?.close();
  await purge(p);
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

const validation = () => app.page.getByTestId('compose-validation');
const state = async () => validation().getAttribute('data-state');

describe('a new user in the Compose view', () => {
  it('checks the open file again when it or its .env changes on disk (3)', async () => {
    const { page } = app;
    await page.getByTestId('compose-path').fill(file);
    await page.getByTestId('compose-open').click();
    const web = page.getByTestId('compose-file').locator('[data-service="web"]');
    await web.waitFor();
    // WEB_PORT is nowhere yet: the CLI refuses the file.
    await eventually('refused without .env', async () => (await state()) === 'refused', 30_000);
    expect(await validation().textContent()).toContain('set WEB_PORT in .env');

    writeFileSync(join(dir, '.env'), `WEB_PORT=${port}\n`);
    await eventually('accepted once .env names the port', async () => (await state()) === 'ok', 30_000);

    writeFileSync(file, composeText(81));
    await eventually('the new ports shown', async () => ((await web.textContent()) ?? '').includes(':81'), 15_000);
    expect(await web.textContent()).not.toMatch(/:80\b/);
    await eventually('accepted again', async () => (await state()) === 'ok', 30_000);

    writeFileSync(file, composeText(81, '    no_such_option: true\n'));
    await eventually('refused after a bad edit', async () => (await state()) === 'refused', 30_000);
    expect(await validation().textContent()).toContain('no_such_option');
    writeFileSync(file, composeText(81));
    await eventually('accepted after the fix', async () => (await state()) === 'ok', 30_000);
  });

  it('replaces a failed up’s toast with the next up’s outcome; the toast wraps and goes away (7)', async () => {
    const { page } = app;
    // Something else holds the port: the up fails.
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(port, '127.0.0.1', resolve));
    await page.getByTestId('compose-project').fill(p);
    await page.getByTestId('compose-up').click();
    const failed = page.locator('[data-testid="toast"][data-kind="error"]', { hasText: `Up ${p} failed` });
    await failed.waitFor({ timeout: 90_000 });
    // Long words (an endpoint id) wrap inside the toast instead of running past its edge.
    const overflow = await failed.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await new Promise<void>((resolve) => blocker?.close(() => resolve()));
    blocker = undefined;
    await page.getByTestId('compose-up').click();
    // The pointer rests on the toasts while the second up runs: they stay until it leaves.
    await failed.hover();
    await page
      .locator('[data-testid="toast"][data-kind="success"]', { hasText: `Up ${p}: done` })
      .waitFor({ timeout: 90_000 });
    expect(await failed.count()).toBe(0);
    // Every toast expires once the pointer leaves.
    await page.mouse.move(5, 5);
    await eventually('no toasts left', async () => (await page.getByTestId('toast').count()) === 0, 30_000);
  });

  it('counts a stack container’s uptime on without any engine event (5)', async () => {
    const { page } = app;
    // Only the stacks on screen are in the DOM, and the shared engine may have others: the filter finds this one.
    await page.getByLabel('Filter stacks', { exact: true }).fill(p);
    const status = page
      .locator(`[data-testid="stack"][data-name="${p}"]`)
      .locator('[data-testid="stack-service"][data-service="web"]')
      .getByTestId('stack-container-status');
    await status.getByText(/^Up /).waitFor({ timeout: 30_000 });
    const first = await status.textContent();
    await eventually(
      'a later uptime',
      async () => {
        const now = (await status.textContent()) ?? '';
        return /^Up \d+ seconds$/.test(now) && now !== first;
      },
      15_000,
    );
  });

  it('names the position of a YAML error once (15)', async () => {
    const { page } = app;
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'services:\n  web:\n    image: a: b\n');
    await page.getByTestId('compose-path').fill(broken);
    await page.getByTestId('compose-open').click();
    const error = page.getByTestId('compose-open-error');
    await error.waitFor();
    expect((await error.textContent())?.match(/line \d+, column \d+/g)).toHaveLength(1);
  });
});
