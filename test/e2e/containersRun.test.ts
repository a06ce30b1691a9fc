import { describe, expect, it } from 'vitest';
import { useWebApp } from '../helpers/browser';
import { freePort } from '../helpers/net';
import { docker, FIXTURE_BUSYBOX, FIXTURE_REDIS, uniqueName } from '../helpers/docker';

const web = useWebApp('#/containers');
const { created } = web;

describe('Run dialog and container detail in Chromium', () => {
  const name = uniqueName('e2e-run');
  created.push(name);

  it('checks the form, runs redis with a published port and shows the row', async () => {
    const page = web.app.page;
    await page.getByRole('button', { name: 'Run a container…' }).click();
    const dialog = page.getByTestId('run-dialog');
    await dialog.getByLabel('Image', { exact: true }).fill(FIXTURE_REDIS);
    await dialog.getByLabel('Name', { exact: true }).fill('-not a name');
    await dialog.getByRole('button', { name: 'Add port' }).click();
    await expect(dialog.getByLabel('Host IP 1').inputValue()).resolves.toBe('127.0.0.1');
    await expect(dialog.textContent()).resolves.toContain('Host IP defaults to 127.0.0.1');
    const port = await freePort();
    await dialog.getByLabel('Host port 1').fill('99999');
    await dialog.getByLabel('Container port 1').fill('6379');
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await dialog
      .locator('[data-field="name"]')
      .getByText(/Invalid container name/)
      .waitFor();
    await dialog
      .locator('[data-field="ports.0.hostPort"]')
      .getByText(/between 1 and 65535/)
      .waitFor();
    expect(await docker('ps', '-a', '--format', '{{.Names}}')).not.toContain('not a name');

    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Host port 1').fill(String(port));
    await dialog.getByRole('button', { name: 'Add mount' }).click();
    await dialog.getByLabel('Mount target 1').fill('/data'); // an anonymous volume
    await dialog.getByRole('button', { name: 'Run', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('[role="row"]', { has: page.getByText(name, { exact: true }) });
    await row.getByTestId('container-state').getByText(/^Up/).waitFor({ timeout: 15_000 });
    await expect(row.locator('a.port').textContent()).resolves.toBe(`127.0.0.1:${port}→6379/tcp`);
    await row.getByTestId('container-memory').getByText(/B$/).waitFor({ timeout: 15_000 });
  });

  it('opens the detail page with logs, a working terminal and stats', async () => {
    const page = web.app.page;
    await page.getByRole('button', { name: `Open ${name}` }).click();
    await page.getByTestId('container-detail').waitFor();
    expect(page.url()).toMatch(/#\/containers\/[0-9a-f]{64}$/);

    await page
      .getByTestId('log-line')
      .getByText(/Ready to accept connections/)
      .waitFor({ timeout: 15_000 });
    await page.getByLabel('Search logs').fill('ready to accept');
    await page.getByTestId('log-view').locator('mark').first().waitFor();

    await page.getByRole('tab', { name: 'Terminal' }).click();
    await page
      .getByTestId('terminal-status')
      .getByText(/^Connected: (\/bin\/)?sh$/)
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('terminal').click();
    await page.keyboard.type('echo typed-in-$((40+2))-berth\n');
    await page.getByTestId('terminal').getByText('typed-in-42-berth').first().waitFor({ timeout: 10_000 });

    await page.getByRole('tab', { name: 'Stats' }).click();
    await page.getByTestId('stats-cpu').getByText(/%$/).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('stats-memory').textContent()).toMatch(/\d.*B$/);
    expect(Number(await page.getByTestId('stats-pids').textContent())).toBeGreaterThanOrEqual(1);

    await page.getByRole('tab', { name: 'Mounts' }).click();
    await page.getByTestId('mounts-table').getByText('/data').first().waitFor();
    await page.getByRole('tab', { name: 'Inspect' }).click();
    await page
      .getByTestId('inspect-json')
      .getByText(/"Image"/)
      .first()
      .waitFor();
  });
});

describe('bulk actions and grouping in Chromium', () => {
  it('stops and removes selected containers, and groups by stack', async () => {
    const page = web.app.page;
    await page
      .getByRole('link', { name: 'Containers' })
      .or(page.getByRole('button', { name: 'Containers' }))
      .first()
      .click();
    const prefix = uniqueName('e2e-bulk');
    const names = [`${prefix}-a`, `${prefix}-b`];
    created.push(...names);
    for (const n of names) {
      await docker(
        'run',
        '-d',
        '--name',
        n,
        '--label',
        `com.docker.compose.project=${prefix}`,
        FIXTURE_BUSYBOX,
        'sh',
        '-c',
        'trap exit TERM; sleep 300 & wait',
      );
    }
    await page.getByLabel('Filter containers').fill(prefix);
    const rows = page.locator('[role="row"]', { has: page.getByTestId('container-name') });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    await page.getByLabel('Group by stack').check();
    await page.getByTestId('container-group').getByText(prefix).waitFor();
    await page.getByLabel('Group by stack').uncheck();
    await page.getByLabel('Select all shown containers').check();
    const bar = page.getByTestId('bulk-bar');
    await bar.getByText('2 selected').waitFor();
    await bar.getByRole('button', { name: 'Stop' }).click();
    for (const n of names) {
      const row = page.locator('[role="row"]', { has: page.getByText(n, { exact: true }) });
      await row
        .getByTestId('container-state')
        .getByText(/^Exited/)
        .waitFor({ timeout: 15_000 });
    }
    await page.getByLabel('Select all shown containers').check();
    await bar.getByRole('button', { name: 'Remove' }).click();
    await page.getByTestId('confirm').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(0);
    for (const n of names) await expect(docker('inspect', n)).rejects.toThrow();
    // Nothing shown: the table says so, and there is nothing to select, grouped by stack or not.
    const selectAll = page.getByLabel('Select all shown containers');
    await expect.poll(() => selectAll.isDisabled()).toBe(true);
    await page.getByLabel('Group by stack').check();
    await expect.poll(() => selectAll.isDisabled()).toBe(true);
    await page.getByLabel('Group by stack').uncheck();
    await page.getByLabel('Filter containers').fill('');
  });
});
