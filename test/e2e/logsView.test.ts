/**
 * The whole log in Chromium: a container's 1,000,000 lines through the web bridge — scroll to the middle
 * and to a line, search every line (count as `grep -c`, next/previous with wrap-around), jump to a time,
 * download the whole log, follow a running container (a fresh view: the last one's search and scroll are
 * not carried over) whose first line is in colour, and the session gone when the view closes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useWebApp } from '../helpers/browser';
import { docker, eventually, FIXTURE_BUSYBOX, uniqueName } from '../helpers/docker';

const web = useWebApp('#/containers');
const { created } = web;
/** What `seq 1 1000000` printed (in two halves, see `printed`); see `kept` for what the engine kept of it. */
const N = Number(process.env.BERTH_E2E_LOG_LINES ?? 1_000_000);
/**
 * The lines 1..N, with a 1.5 s pause after the first half. seq prints a million lines in about a second, so
 * without the pause the line the time-jump test aims at often shares its second with line 1, and "the first
 * line in that second" is line 1 itself. After the pause, every line of the second half is in a later second
 * than line 1.
 */
const half = Math.floor(N / 2);
const printed = ['sh', '-c', `seq 1 ${half}; sleep 1.5; seq ${half + 1} ${N}`];
/**
 * The lines the engine kept: on a heavily loaded machine Engine 20.10's json-file logger has been seen to
 * lose the end of a container that prints this fast and exits (956,974 of 1,000,000 lines in its own log
 * file). seq's lines are numbered, so the last one kept is the count; Berth must show exactly that.
 */
let kept = N;

/** The line numbers (from 1) of the rows on screen. */
const shown = () =>
  web.app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="log-line"]')].map((e) => Number(e.textContent)),
  );

describe('the log view over a whole 1,000,000-line log', () => {
  const name = uniqueName('logs-e2e');
  created.push(name);
  let id = '';

  it('opens the whole log and scrolls to its middle', async () => {
    id = await docker('run', '-d', '--name', name, FIXTURE_BUSYBOX, ...printed);
    await docker('wait', id);
    kept = Number(await docker('logs', '--tail', '1', id));
    expect(kept).toBeGreaterThan(N * 0.75);
    const page = web.app.page;
    await page.goto(`${web.app.bridge.url.replace(/\/\?.*$/, '/')}#/containers/${id}`);
    await page
      .getByTestId('log-status')
      .getByText(`${kept.toLocaleString('en-US')} lines`)
      .waitFor({ timeout: 600_000 });
    // The end is on screen (Follow), with only a screenful of rows in the DOM.
    await page.locator(`[data-line="${kept - 1}"]`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('log-line').count()).toBeLessThan(100);
    // Drag the scroll box to its middle: the lines around 500,000 come in.
    await page.getByTestId('log-view').evaluate((el) => {
      el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
    });
    await eventually(
      'middle lines on screen',
      async () => {
        const lines = await shown();
        return lines.length > 10 && lines.every((n) => Math.abs(n - kept / 2) < N / 100);
      },
      30_000,
    );
    expect(await page.getByRole('checkbox', { name: 'Follow' }).isChecked()).toBe(false);
    const mid = Math.floor(kept / 2);
    await page.getByLabel('Go to line').fill(String(mid));
    await page.getByLabel('Go to line').press('Enter');
    await page
      .locator(`[data-line="${mid - 1}"] .log-text`)
      .getByText(String(mid), { exact: true })
      .waitFor({ timeout: 60_000 });
  }, 900_000);

  it('searches every line: the count grep -c gives, next and previous with wrap-around', async () => {
    const page = web.app.page;
    // seq 1..N: the lines containing 4242 (integration/logSessions.test.ts checks the same against grep -c).
    let count = 0;
    let lastMatch = 0;
    for (let i = 1; i <= kept; i++) {
      if (String(i).includes('4242')) {
        count++;
        lastMatch = i;
      }
    }
    await page.getByLabel('Search logs').fill('4242');
    await page
      .getByTestId('log-matches')
      .getByText(`${count.toLocaleString('en-US')} matching`)
      .waitFor({ timeout: 60_000 });
    const position = page.getByTestId('log-match-position');
    await position.getByText(`1 of ${count}`).waitFor();
    await page.locator('[data-line="4241"] mark').getByText('4242').waitFor();
    await page.getByRole('button', { name: 'Next match' }).click();
    await position.getByText(`2 of ${count}`).waitFor();
    await page.locator('[data-line="14241"] mark').waitFor();
    await page.getByRole('button', { name: 'Previous match' }).click();
    await position.getByText(`1 of ${count}`).waitFor();
    await page.getByRole('button', { name: 'Previous match' }).click();
    await position.getByText(`${count} of ${count}`).waitFor();
    await page.locator(`[data-line="${lastMatch - 1}"] mark`).waitFor();
    await page.getByRole('checkbox', { name: 'Regex' }).check();
    await page.getByLabel('Search logs').fill('^12345.$');
    await page.getByTestId('log-matches').getByText('10 matching').waitFor({ timeout: 60_000 });
    await page.locator('[data-line="123449"] mark').getByText('123450').waitFor();
    await page.getByRole('checkbox', { name: 'Regex' }).uncheck();
    await page.getByLabel('Search logs').fill('');
  }, 300_000);

  it('jumps to a time: the first line printed in or after that second', async () => {
    const page = web.app.page;
    await page.getByRole('checkbox', { name: 'Timestamps' }).check();
    const later = Math.floor(kept * 0.7);
    expect(later).toBeGreaterThan(half); // in the second half: a later second than line 1's
    await page.getByLabel('Go to line').fill(String(later + 1));
    await page.getByLabel('Go to line').press('Enter');
    const time = (await page.locator(`[data-line="${later}"] .log-time`).textContent()) ?? ''; // YYYY-MM-DD HH:MM:SS.mmm, UTC
    const second = time.slice(0, 19).replace(' ', 'T');
    const zoneOffset = await page.evaluate(() => new Date().getTimezoneOffset());
    const local = new Date(Date.parse(`${second}Z`) - zoneOffset * 60_000).toISOString().slice(0, 19);
    await page.getByLabel('Go to line').fill('1');
    await page.getByLabel('Go to line').press('Enter');
    await page.locator('[data-line="0"]').waitFor();
    await page.getByLabel('Jump to time').fill(local);
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    // The first line at or after that second sits a third down the screen, the line before it above.
    await eventually(
      'the view moved to that time',
      async () => Number(await page.getByTestId('log-view').getAttribute('data-top-line')) > 1000,
      30_000,
    );
    const rows = await eventually(
      'the rows around that time loaded',
      async () => {
        const r = await page.evaluate(() =>
          [...document.querySelectorAll('[data-testid="log-line"]')].map((e) => ({
            n: Number(e.getAttribute('data-line')),
            time: (e.querySelector('.log-time')?.textContent ?? '').slice(0, 19).replace(' ', 'T'),
          })),
        );
        return r.length > 10 && r[0] && r[0].n > 0 ? r : undefined;
      },
      30_000,
    );
    const firstAt = rows.findIndex((r) => r.time >= second);
    expect(firstAt).toBeGreaterThan(0);
    expect((rows[firstAt - 1]?.time ?? '') < second).toBe(true);
    expect(rows[firstAt]?.n).toBeLessThanOrEqual(later);
    await page.getByRole('checkbox', { name: 'Timestamps' }).uncheck();
  }, 300_000);

  it('downloads the whole log as docker logs prints it', async () => {
    const page = web.app.page;
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Download whole log' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${name}.log`);
    const path = await download.path();
    // seq's output (integration/logSessions.test.ts checks the download against docker logs byte for byte).
    const expected = Array.from({ length: kept }, (_, i) => i + 1).join('\n') + '\n';
    expect(readFileSync(path, 'utf8') === expected).toBe(true);
  }, 300_000);

  it('follows a running container to its last line, and closes the session when the view closes', async () => {
    const page = web.app.page;
    const ticker = uniqueName('logs-e2e-follow');
    created.push(ticker);
    const tid = await docker(
      'create',
      '--name',
      ticker,
      FIXTURE_BUSYBOX,
      'sh',
      '-c',
      'sleep 2; printf "\\033[31mred\\033[0m <b>and</b> plain\\n"; i=0; while [ $i -lt 3000 ]; do i=$((i+1)); echo tick $i; [ $((i % 100)) = 0 ] && sleep 0.1; done; sleep 300',
    );
    // The last log was left scrolled up (Follow off) with a search typed: another container's log is a
    // view of its own, following its end with no search.
    await page.getByLabel('Search logs').fill('999');
    expect(await page.getByRole('checkbox', { name: 'Follow' }).isChecked()).toBe(false);
    await page.goto(`${web.app.bridge.url.replace(/\/\?.*$/, '/')}#/containers/${tid}`);
    await page.getByTestId('log-view').waitFor();
    expect(await page.getByLabel('Search logs').inputValue()).toBe('');
    expect(await page.getByRole('checkbox', { name: 'Follow' }).isChecked()).toBe(true);
    await docker('start', tid);
    await page.locator('.log-text').getByText('tick 3000', { exact: true }).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('checkbox', { name: 'Follow' }).isChecked()).toBe(true);
    await page.getByTestId('log-status').getByText('3,001 lines').waitFor();
    // Its first line, in colour: the escape codes drawn as a coloured span, the rest as escaped text.
    await page.getByLabel('Go to line').fill('1');
    await page.getByLabel('Go to line').press('Enter');
    const first = page.locator('[data-line="0"] .log-text');
    await first.locator('span[style*="color"]').getByText('red', { exact: true }).waitFor();
    expect(await first.textContent()).toBe('red <b>and</b> plain');
    const sessions = web.app.backend.services.logSessions;
    expect(sessions.size).toBe(1);
    await page.goto(`${web.app.bridge.url.replace(/\/\?.*$/, '/')}#/containers`);
    await eventually('session closed with the view', () => sessions.size === 0, 30_000);
  });
});
