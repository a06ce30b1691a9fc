/**
 * A new user's first hour (issue 14), in Chromium over the web bridge with a fresh settings folder and only
 * BERTH_KUBECONFIG pointing at a kubeconfig: the first-run checklist at Berth's front door (item 14); one
 * answer to where the kubeconfig is (6); uptimes that count on (5); tables that keep their ports and actions
 * with the Tasks panel open (8); Run from Images with the image's EXPOSEd ports and a toast that links to
 * what started (9, 16); one image count (10); and the small things: commands shown as code, kind's help
 * list, the charts' axes in dark mode, no 404 for the icon (15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type WebApp } from '../helpers/browser';
import { docker, eventually, FIXTURE_BUSYBOX, FIXTURE_REDIS, removeContainers, uniqueName } from '../helpers/docker';

const configDir = mkdtempSync(join(tmpdir(), 'berth-first-hour-config-'));
const work = mkdtempSync(join(tmpdir(), 'berth-first-hour-'));
const kubeconfig = join(work, 'kubeconfig');
const previous = { config: process.env.BERTH_CONFIG_DIR, kube: process.env.BERTH_KUBECONFIG };
const sleeper = uniqueName('first-hour-up');
const ran = uniqueName('first-hour-run');
const repo = uniqueName('first-hour-img');
let app: WebApp;

beforeAll(async () => {
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: first-hour',
      'clusters: [{name: first-hour, cluster: {server: "https://127.0.0.1:1"}}]',
      'users: [{name: first-hour, user: {token: nothing}}]',
      'contexts: [{name: first-hour, context: {cluster: first-hour, user: first-hour}}]',
    ].join('\n'),
  );
  process.env.BERTH_CONFIG_DIR = configDir;
  process.env.BERTH_KUBECONFIG = kubeconfig;
  app = await startWebApp('');
});

afterAll(async () => {
  await removeContainers(sleeper, ran);
  await docker('rmi', `${repo}:a`, `${repo}:b`, `${repo}:built`).catch(() => '');
  await app?.close();
  for (const [key, value] of [
    ['BERTH_CONFIG_DIR', previous.config],
    ['BERTH_KUBECONFIG', previous.kube],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  rmSync(configDir, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const go = (view: string) => app.page.evaluate((v) => (location.hash = `#/${v}`), view);

describe('a new user’s first hour in the browser', () => {
  it('shows the first-run checklist at the front door, once (14)', async () => {
    const { page } = app;
    const dialog = page.getByTestId('first-run');
    await dialog.getByTestId('env-checklist').locator('[data-testid="env-engine"]').waitFor({ timeout: 20_000 });
    expect(await dialog.getByRole('heading', { name: 'Welcome to Berth' }).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually('firstRunDone saved', () => {
      const saved = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')) as { firstRunDone?: boolean };
      return saved.firstRunDone === true;
    });
    await page.reload();
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    await eventually('settings applied', () => page.evaluate(() => Boolean(document.documentElement.dataset.theme)));
    expect(await page.getByTestId('first-run').isVisible()).toBe(false);
  });

  it('finds the kubeconfig the Kubernetes view uses, in Settings too (6)', async () => {
    const { page } = app;
    await go('settings');
    const check = page.getByTestId('env-kubeconfig');
    await check.waitFor({ timeout: 20_000 });
    expect(await check.getAttribute('data-status')).toBe('ok');
    expect(await check.textContent()).toContain('from BERTH_KUBECONFIG');
    expect(await check.textContent()).toContain(kubeconfig);
    await go('kubernetes');
    await page.locator('[data-testid="kube-context"] option[value="first-hour"]').waitFor({ state: 'attached' });
  });

  it('shows the commands in messages as code, never as backticks (15)', async () => {
    const { page } = app;
    await go('settings');
    await page.locator('#composeBinary').fill('/nonexistent/docker-compose');
    await page.getByTestId('settings-save').click();
    await eventually('saved', () => {
      const saved = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')) as { composeBinary?: string };
      return saved.composeBinary === '/nonexistent/docker-compose';
    });
    expect(await page.locator('.settings-help code', { hasText: 'docker-compose' }).count()).toBe(1);
    await go('compose');
    const missing = page.getByTestId('compose-missing');
    await missing.waitFor({ timeout: 20_000 });
    expect(await missing.textContent()).not.toContain('`');
    expect(await missing.locator('code').count()).toBeGreaterThan(0);
    await go('settings');
    await page.locator('#composeBinary').fill('');
    await page.getByTestId('settings-save').click();
    await eventually('restored', () => {
      const saved = JSON.parse(readFileSync(join(configDir, 'settings.json'), 'utf8')) as { composeBinary?: string };
      return saved.composeBinary === '';
    });
  });

  it('keeps kind’s install commands next to their bullets (15)', async () => {
    const { page } = app;
    await go('kubernetes');
    await page.getByRole('tab', { name: 'Clusters' }).click();
    const help = page.getByTestId('kind-missing');
    await help.waitFor({ timeout: 20_000 });
    const gaps = await help
      .locator('li')
      .evaluateAll((items) =>
        items.map(
          (li) => (li.querySelector('code')?.getBoundingClientRect().left ?? 0) - li.getBoundingClientRect().left,
        ),
      );
    expect(gaps.length).toBe(3);
    for (const gap of gaps) expect(gap).toBeLessThan(20);
  });

  it('counts a container’s uptime on, in the list and in its header (5)', async () => {
    const { page } = app;
    await docker('run', '-d', '--name', sleeper, FIXTURE_BUSYBOX, 'sleep', '3600');
    await go('containers');
    const state = page
      .locator('[role="row"]', { has: page.getByText(sleeper, { exact: true }) })
      .getByTestId('container-state');
    await state.getByText(/^Up /).waitFor({ timeout: 15_000 });
    const first = await state.textContent();
    await eventually('a later uptime in the list', async () => {
      const now = (await state.textContent()) ?? '';
      return /^Up \d+ seconds$/.test(now) && now !== first;
    });
    await page.getByRole('button', { name: `Open ${sleeper}` }).click();
    const header = page.getByTestId('detail-state');
    const before = await header.textContent();
    await eventually('a later uptime in the header', async () => {
      const now = (await header.textContent()) ?? '';
      return /^Up \d+ seconds$/.test(now) && now !== before;
    });
  });

  it('draws the stats charts’ axes readable in the dark theme, with clock ticks and no repeated labels (15)', async () => {
    const { page } = app;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('tab', { name: 'Stats' }).click();
    const cpu = page.getByTestId('stats-chart').filter({ hasText: 'CPU %' }).locator('.stats-chart-plot');
    await eventually('ticks drawn', async () => Boolean(await cpu.getAttribute('data-x-labels')), 30_000);
    // Wait for a few samples, so the time axis spans some seconds.
    await page.waitForTimeout(4000);
    const x = ((await cpu.getAttribute('data-x-labels')) ?? '').split('|').filter(Boolean);
    const y = ((await cpu.getAttribute('data-y-labels')) ?? '').split('|').filter(Boolean);
    for (const label of x) expect(label).toMatch(/^\d{1,2}:\d{2}:\d{2}( [AP]M)?$/);
    expect(new Set(y).size).toBe(y.length);
    expect(y.length).toBeGreaterThan(1);
    // The axis text is light on the dark panel: the brightest pixels of the y axis gutter.
    const brightest = await cpu.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, Math.min(60, canvas.width), canvas.height);
      let best = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) < 200) continue;
        best = Math.max(best, 0.2126 * (data[i] ?? 0) + 0.7152 * (data[i + 1] ?? 0) + 0.0722 * (data[i + 2] ?? 0));
      }
      return best;
    });
    expect(brightest).toBeGreaterThan(120);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('keeps ports and row actions in view with the Tasks panel open (8)', async () => {
    const { page } = app;
    await go('containers');
    await page.getByTestId('tasks-toggle').click();
    await page.getByTestId('task-center').waitFor();
    const inside = async (table: string, target: ReturnType<typeof page.locator>) => {
      const box = await page.getByTestId(table).boundingBox();
      const item = await target.boundingBox();
      if (!box || !item) return false;
      const onTop = await target.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return hit === el || el.contains(hit);
      });
      return item.x >= box.x && item.x + item.width <= box.x + box.width + 0.5 && onTop;
    };
    await page.getByTestId('containers-table').waitFor();
    expect(await inside('containers-table', page.getByRole('columnheader', { name: 'Ports' }))).toBe(true);
    const row = page.locator('[role="row"]', { has: page.getByText(sleeper, { exact: true }) });
    expect(await inside('containers-table', row.locator('.row-actions button').last())).toBe(true);
    await go('images');
    // A shared engine may hold many images (the table draws only the rows that fit): filter to the fixture's.
    await page.getByLabel('Filter images').fill(FIXTURE_BUSYBOX);
    const image = page.locator('[role="row"]', { has: page.getByRole('button', { name: `Push ${FIXTURE_BUSYBOX}` }) });
    await image.waitFor({ timeout: 15_000 });
    await image.scrollIntoViewIfNeeded();
    expect(await inside('images-table', image.getByRole('button', { name: `Push ${FIXTURE_BUSYBOX}` }))).toBe(true);
    expect(await inside('images-table', image.getByRole('button', { name: `Remove ${FIXTURE_BUSYBOX}` }))).toBe(true);
    await page.getByLabel('Filter images').fill('');
    await page.getByRole('button', { name: 'Close tasks' }).click();
  });

  it('runs an image from Images with its EXPOSEd ports and says what started, with a link (9, 16)', async () => {
    const { page } = app;
    await go('images');
    await page.getByLabel('Filter images').fill(FIXTURE_REDIS);
    await page.getByRole('button', { name: `Run ${FIXTURE_REDIS}` }).click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByTestId('run-exposed').waitFor({ timeout: 15_000 });
    expect(await dialog.getByTestId('run-exposed').textContent()).toContain('6379/tcp');
    expect(await dialog.getByLabel('Container port 1').inputValue()).toBe('6379');
    expect(await dialog.getByLabel('Host port 1').inputValue()).toBe('');
    expect(await dialog.getByLabel('Host IP 1').inputValue()).toBe('127.0.0.1');
    await dialog.getByLabel('Name', { exact: true }).fill(ran);
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const toast = page.getByTestId('toast').filter({ hasText: `Started container ${ran}` });
    await toast.waitFor();
    await toast.getByRole('link', { name: `Open ${ran}` }).click();
    await page.getByTestId('container-detail').waitFor();
    expect(await page.locator('#container-title').textContent()).toBe(ran);
    expect(await docker('port', ran)).toMatch(/^6379\/tcp -> 127\.0\.0\.1:\d+/);
  });

  it('offers the EXPOSEd ports of an image typed into the Run dialog (16)', async () => {
    const { page } = app;
    await go('containers');
    await page.getByRole('button', { name: 'Run a container…' }).click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByLabel('Image', { exact: true }).fill(FIXTURE_REDIS);
    await dialog.getByRole('button', { name: 'Publish 6379/tcp' }).click();
    expect(await dialog.getByLabel('Container port 1').inputValue()).toBe('6379');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('counts images one way everywhere: each once however many tags, no build intermediates (10)', async () => {
    const { page } = app;
    await docker('tag', FIXTURE_BUSYBOX, `${repo}:a`);
    await docker('tag', FIXTURE_BUSYBOX, `${repo}:b`);
    writeFileSync(join(work, 'Dockerfile'), `FROM ${FIXTURE_BUSYBOX}\nRUN echo one > /one\nRUN echo two > /two\n`);
    // The classic builder, which leaves an intermediate image per step (as `docker build` did for years).
    process.env.DOCKER_BUILDKIT = '0';
    await docker('build', '-q', '-t', `${repo}:built`, work).finally(() => delete process.env.DOCKER_BUILDKIT);
    await go('images');
    const summary = page.getByTestId('images-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('title')).toMatch(/counted once however many tags/);
    const cli = async () => {
      const ids = (await docker('images', '--format', '{{.ID}}')).split('\n').filter(Boolean);
      const tags = (await docker('images', '--format', '{{.Repository}}:{{.Tag}}'))
        .split('\n')
        .filter((t) => t && !t.endsWith(':<none>'));
      return { images: new Set(ids).size, tags: tags.length };
    };
    await eventually(
      'the header, the status bar and docker images agree',
      async () => {
        const want = await cli();
        const header = (await summary.textContent()) ?? '';
        const status = (await page.getByTestId('engine-status').textContent()) ?? '';
        return (
          header.startsWith(`${want.images} image${want.images === 1 ? '' : 's'} · ${want.tags} tag`) &&
          status.includes(` · ${want.images} image`)
        );
      },
      20_000,
    );
    // The engine's own figure counts the build's intermediate layers; Berth's does not.
    const info = Number(await docker('info', '--format', '{{.Images}}'));
    expect(info).toBeGreaterThan((await cli()).images);
  });

  it('loads with no failed request and has an icon (15)', async () => {
    const { page } = app;
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    await page.reload();
    await page.locator('[data-testid="engine-status"][data-state="connected"]').waitFor({ timeout: 20_000 });
    const icon = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href;
      return href ? (await fetch(href)).status : 0;
    });
    expect(icon).toBe(200);
    expect(failed).toEqual([]);
  });
});
