/**
 * The status bar while the engine cannot be reached, in Chromium over the web bridge. First this machine's
 * engine behind a fault proxy that stalls (test/helpers/faultProxy.ts: accepts, never answers): the bar
 * says "Connecting to … N s" with N counting up, until Berth gives up on that attempt and shows it
 * unreachable. Then an engine set in Settings while the page is open, at this machine's non-loopback
 * address on a port nothing listens on (so Berth treats it as remote and uses the remote pauses): the bar
 * counts down to each next attempt ("Retrying in 8 s"), the pauses it announces grow 1, 2, 4, 8, 15 s, it
 * says how long Berth has been trying, and "Retry now" — with the engine now answering on that port —
 * connects at once instead of after the pause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startWebApp, type WebApp } from '../helpers/browser';
import { connectInProcess } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { DEBIAN_HOST } from '../helpers/engines';
import { startFaultProxy, type FaultProxy } from '../helpers/faultProxy';

const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-engine-retry-'));
const ENGINE_SOCKET = DEBIAN_HOST.slice('unix://'.length);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Notes, in the page, every text the status bar's progress shows (each render, not a poll's sample). */
async function recordProgress(page: Page): Promise<void> {
  await page.locator('[data-testid="engine-status"]').waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { progressTexts: string[] };
    w.progressTexts = [];
    const bar = document.querySelector('[data-testid="engine-status"]');
    if (!bar) throw new Error('no status bar');
    const note = () => {
      const text = bar.querySelector('[data-testid="engine-trying"]')?.textContent ?? '';
      if (text && text !== w.progressTexts[w.progressTexts.length - 1]) w.progressTexts.push(text);
    };
    note();
    new MutationObserver(note).observe(bar, { subtree: true, childList: true, characterData: true });
  });
}

const progressTexts = (page: Page) =>
  page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts.slice());

const statusText = async (page: Page) => (await page.getByTestId('engine-status').textContent()) ?? '';

/** This machine's first non-loopback IPv4 address: an engine there counts as remote. */
function outwardAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  if (!found) throw new Error('this machine has no non-loopback IPv4 address to put a "remote" engine on');
  return found.address;
}

/** A port on `host` that nothing listens on (connections are refused). */
async function closedPort(host: string): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, host, r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('status bar while connecting to an engine that stalls', () => {
  let proxy: FaultProxy;
  let app: WebApp;

  beforeAll(async () => {
    proxy = await startFaultProxy({ socketPath: ENGINE_SOCKET }, join(dir, 'stalled.sock'));
    proxy.set({ mode: 'stall' });
    app = await startWebApp('#/containers', { engineOverride: proxy.address, configDir: join(dir, 'settings-1') });
    await recordProgress(app.page);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
  });

  it('says how long it has been connecting, counting up, until the attempt gives up', async () => {
    const page = app.page;
    expect(await page.getByTestId('engine-status').getAttribute('data-state')).toBe('connecting');
    await eventually(
      'five seconds of connecting shown',
      async () => Number(/^(\d+) s$/.exec((await progressTexts(page)).at(-1) ?? '')?.[1] ?? 0) >= 5,
      30_000,
    );
    expect(await statusText(page)).toContain(`Connecting to ${proxy.address}…`);
    const counted = (await progressTexts(page)).map((t) => Number(/^(\d+) s$/.exec(t)?.[1]));
    expect(counted.every((n) => Number.isInteger(n))).toBe(true);
    for (let i = 1; i < counted.length; i++) expect(counted[i]).toBeGreaterThan(counted[i - 1] ?? 0);
    expect(proxy.counts.stalled).toBeGreaterThan(0);

    // Connecting may take 20 s (CONNECT_TIMEOUT_MS); then the engine is unreachable, tried again by itself.
    await page.locator('[data-testid="engine-status"][data-state="unreachable"]').waitFor({ timeout: 40_000 });
    // The connect deadline (20 s), or the ping sent about the slow call first (10 s), gave up.
    expect(await statusText(page)).toMatch(/Docker engine not reachable at .*(did not answer|stopped answering)/);
    const after = await eventually(
      'the progress of an unreachable engine',
      async () => (await progressTexts(page)).find((t) => /^(Retrying in \d+ s|Trying again…)/.test(t)),
      10_000,
    );
    // Still counting from the first attempt: it has been trying for as long as that attempt waited.
    const tryingFor = Number(/trying for (\d+) s/.exec((await progressTexts(page)).at(-1) ?? after)?.[1]);
    expect(tryingFor).toBeGreaterThanOrEqual(10);
  });
});

describe('status bar while a remote engine refuses', () => {
  const host = outwardAddress();
  let port: number;
  let app: WebApp;
  let engine: net.Server | undefined;
  const links = new Set<net.Socket>();

  beforeAll(async () => {
    port = await closedPort(host);
    app = await startWebApp('#/containers', { configDir: join(dir, 'settings-2') });
    await recordProgress(app.page);
    // Set in Settings once the page watches, as a user would type it: the engine switches to it live.
    const settings = connectInProcess(app.backend);
    await settings.api.settings.update({ engineHost: `tcp://${host}:${port}` });
    settings.connection.close();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    for (const socket of links) socket.destroy();
    await new Promise<void>((r) => (engine ? engine.close(() => r()) : r()));
  });

  it('counts down to each next attempt, the pauses growing 1, 2, 4, 8, 15 s, and says how long it has tried', async () => {
    const page = app.page;
    await page.locator('[data-testid="engine-status"][data-state="unreachable"]').waitFor({ timeout: 30_000 });
    await eventually(
      'the 15 s pause announced',
      async () => (await progressTexts(page)).some((t) => t.startsWith('Retrying in 15 s')),
      60_000,
    );
    const texts = await progressTexts(page);
    const left = texts.map((t) => Number(/^Retrying in (\d+) s/.exec(t)?.[1])).filter((n) => Number.isInteger(n));
    // Each new pause shows first with its whole length (the page watched from before the first attempt).
    const announced = left.filter((n, i) => i === 0 || n > (left[i - 1] ?? 0));
    expect(announced).toEqual([1, 2, 4, 8, 15]);
    // Within the 8 s pause the bar counted down second by second.
    const eight = left.indexOf(8);
    // (A second can show twice: the clock ticks each second from when it started, not from the pause's start.)
    const countdown = left.slice(eight, left.indexOf(15)).filter((n, i, all) => i === 0 || n !== all[i - 1]);
    expect(countdown.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < countdown.length; i++) expect(countdown[i]).toBeLessThan(countdown[i - 1] ?? 0);
    // 1 + 2 + 4 + 8 s of refusals before the 15 s pause began.
    const tryingFor = Number(/trying for (\d+) s/.exec(texts.at(-1) ?? '')?.[1]);
    expect(tryingFor).toBeGreaterThanOrEqual(14);
    expect(await statusText(page)).toContain(`Docker engine not reachable at tcp://${host}:${port}`);
  });

  it('"Retry now" connects at once, without waiting out the pause', async () => {
    const page = app.page;
    // The engine answers on that port from now on: a plain forward to this machine's engine socket.
    engine = net.createServer((client) => {
      const upstream = net.connect(ENGINE_SOCKET);
      links.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((r) => engine?.listen(port, host, r));
    const before = (await page.getByTestId('engine-trying').textContent()) ?? '';
    const waitLeft = Number(/^Retrying in (\d+) s/.exec(before)?.[1]);
    expect(waitLeft).toBeGreaterThanOrEqual(8); // the retry by itself is that far away
    const clicked = Date.now();
    await page.getByTestId('engine-retry-now').click();
    await page
      .locator('[data-testid="engine-status"][data-state="connected"]')
      .waitFor({ timeout: (waitLeft - 3) * 1000 });
    console.log(`connected ${Date.now() - clicked} ms after "Retry now" (the pause had ${waitLeft} s left)`);
    expect(await statusText(page)).toMatch(/Docker \S+ over tcp, not encrypted/);
    expect(await page.getByTestId('engine-trying').count()).toBe(0);
  });
});
