/**
 * A new user's first hour with the Kubernetes view (issue 14), in Chromium against the local control plane:
 * the contexts are listed at once while a cluster that never answers is still being checked (item 4); a
 * deploy into a new namespace shows that namespace with the deployment in it (1); the replicas slider
 * scales once, on release, to where it was aimed, within a range that stays put (2); a cancelled big scale
 * and a typed non-number leave nothing behind (11); the legend counts exactly the chips drawn while pods go
 * away (12); the Nodes table reads requested / allocatable (13); the Deploy dialog has a name and room for its
 * placeholder, and a YAML error names its position once (15).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startWebApp, type WebApp } from '../helpers/browser';
import { eventually } from '../helpers/docker';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { formatBinaryBytes, formatCores } from '../../renderer/common/format';

let cluster: KubeCluster;
let app: WebApp;
let hanging: Server;
const sockets: Socket[] = [];
const dir = mkdtempSync(join(tmpdir(), 'berth-first-hour-kube-'));
const ns = testNamespace();
const previousKubeconfig = process.env.BERTH_KUBECONFIG;

/** The test cluster's kubeconfig plus a context "hanging" whose server accepts connections and never answers. */
function kubeconfigWithHangingContext(port: number): string {
  const doc = parse(readFileSync(cluster.kubeconfig, 'utf8')) as Record<string, Array<Record<string, unknown>>>;
  doc.clusters?.push({ name: 'hanging', cluster: { server: `https://127.0.0.1:${port}` } });
  doc.users?.push({ name: 'hanging', user: { token: 'nothing' } });
  doc.contexts?.push({ name: 'hanging', context: { cluster: 'hanging', user: 'hanging' } });
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, stringify({ ...doc, 'current-context': 'hanging' }));
  return file;
}

beforeAll(async () => {
  cluster = await useKubeCluster();
  hanging = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const address = hanging.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  process.env.BERTH_KUBECONFIG = kubeconfigWithHangingContext(address.port);
  app = await startWebApp('#/volumes');
}, 40 * 60_000);

afterAll(async () => {
  await app?.close();
  for (const s of sockets) s.destroy();
  hanging?.close();
  if (previousKubeconfig === undefined) delete process.env.BERTH_KUBECONFIG;
  else process.env.BERTH_KUBECONFIG = previousKubeconfig;
  await deleteNamespaces(ns);
  rmSync(dir, { recursive: true, force: true });
  await cluster?.stop();
});

const replicas = () => kubectl('-n', ns, 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}');
const row = () => app.page.locator('[data-testid="deployment"][data-name="web"]');

/** What the legend test's observer in the page gathers. */
interface Legend {
  checks: number;
  leaving: number;
  mismatches: string[];
  /** Pods whose chip left the page without fading first. */
  vanished: string[];
}

describe('a new user in the Kubernetes view', () => {
  it('lists the contexts from the kubeconfig at once, while a cluster that never answers is still checked (4)', async () => {
    const { page } = app;
    // Record every text the context picker shows, from the first paint on.
    await page.addInitScript(() => {
      const w = window as unknown as { contextTexts: string[] };
      w.contextTexts = [];
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="kube-context"]')?.textContent ?? '';
        if (text && w.contextTexts[w.contextTexts.length - 1] !== text) w.contextTexts.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.evaluate(() => (location.hash = '#/kubernetes'));
    await page.reload();
    const picker = page.getByTestId('kube-context');
    await picker.locator('option[value="berth-test"]').waitFor({ state: 'attached' });
    // Both contexts are there while the current one is still being asked (it never answers before its timeout).
    expect(await picker.inputValue()).toBe('hanging');
    expect(await page.getByTestId('kube-status').getAttribute('data-state')).toBe('checking');
    const texts = await page.evaluate(() => (window as unknown as { contextTexts: string[] }).contextTexts);
    expect(texts.filter((t) => /No contexts/.test(t))).toEqual([]);
    // Reachability arrives per context: the hanging one is unreachable, berth-test answers.
    await page.locator('[data-testid="kube-status"][data-state="error"]').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('kube-status').textContent()).toMatch(/Unreachable/);
    await picker.selectOption('berth-test');
    await page.locator('[data-testid="kube-status"][data-state="ok"]').waitFor({ timeout: 15_000 });
    await eventually(
      'the picker to say the other context is unreachable',
      async () => /hanging( •)? — unreachable/.test((await picker.textContent()) ?? ''),
      30_000,
    );
  });

  it('after a deploy into a new namespace, shows that namespace with the deployment in it (1)', async () => {
    const { page } = app;
    const shownBefore = await page.getByTestId('kube-namespace').inputValue();
    expect(shownBefore).not.toBe(ns);
    await page.getByRole('button', { name: 'Deploy an image…' }).click();
    const dialog = page.getByTestId('deploy-dialog');
    // The dialog has a name, and its Image field shows its whole placeholder (15).
    await page.getByRole('dialog', { name: 'Deploy an image' }).waitFor();
    const clipped = await dialog.getByLabel('Image', { exact: true }).evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d');
      if (!ctx) return Infinity;
      ctx.font = style.font;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return ctx.measureText(input.placeholder).width - room;
    });
    expect(clipped).toBeLessThanOrEqual(0);
    await dialog.getByLabel('Image', { exact: true }).fill('berth-fixture/busybox:latest');
    await dialog.getByLabel('Name', { exact: true }).fill('web');
    await dialog.getByLabel('Namespace', { exact: true }).fill(ns);
    await dialog.getByRole('button', { name: 'Deploy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await eventually(
      'the new namespace shown',
      async () => (await page.getByTestId('kube-namespace').inputValue()) === ns,
    );
    await row().waitFor({ timeout: 15_000 });
    expect(await row().getAttribute('data-new')).toBe('true');
    const toast = page.getByTestId('toast').filter({ hasText: 'Deployed web' });
    expect(await toast.textContent()).toContain(`namespace ${ns}`);
    expect(await toast.textContent()).toContain('berth-test');
    expect(await page.getByText(/No deployments in/).count()).toBe(0);
    await eventually(
      '1 Running chip',
      async () => (await page.locator('[data-testid="pod-chip"][data-phase="Running"]').count()) === 1,
      60_000,
    );
  });

  it('names the position of a YAML syntax error once when applying (15)', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Apply YAML…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply YAML' });
    await dialog.getByLabel('YAML to apply').fill('a: b: c\n');
    await dialog.getByRole('button', { name: 'Apply', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.match(/line \d+, column \d+/g)).toHaveLength(1);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('scales with the slider once, on release, to the replica count it was dragged to (2)', async () => {
    const { page } = app;
    const slider = row().getByLabel('Replicas slider for web');
    expect(await slider.getAttribute('max')).toBe('10');
    const box = await slider.boundingBox();
    if (!box) throw new Error('no slider box');
    expect(box.width).toBeGreaterThanOrEqual(200);
    // The thumb's centre for a value (Chromium's default thumb is 16 px wide).
    const x = (v: number) => box.x + 8 + ((box.width - 16) * v) / 10;
    const y = box.y + box.height / 2;
    await page.mouse.move(x(1), y);
    await page.mouse.down();
    for (const v of [2, 3, 4, 5, 6, 7, 8]) await page.mouse.move(x(v), y, { steps: 3 });
    // Held still mid-drag for longer than the old slider waited before scaling: nothing may happen yet.
    await page.waitForTimeout(1200);
    expect(await row().getByTestId('scale-dragged').textContent()).toBe('→ 8');
    expect(await replicas()).toBe('1');
    await page.mouse.up();
    await eventually('8 replicas', async () => (await replicas()) === '8', 30_000);
    await eventually('the slider at 8', async () => (await slider.inputValue()) === '8');
    // The range did not move under the user's hand, and they can change it.
    expect(await slider.getAttribute('max')).toBe('10');
    await row().getByLabel('Slider maximum for web').selectOption('20');
    expect(await slider.getAttribute('max')).toBe('20');
  });

  it('leaves nothing behind after a cancelled big scale or a typed non-number (11)', async () => {
    const { page } = app;
    const input = row().getByLabel('Replicas for web');
    const slider = row().getByLabel('Replicas slider for web');
    await input.fill('500');
    await input.press('Enter');
    const confirm = page.getByTestId('confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect(await input.inputValue()).toBe('8');
    expect(await slider.inputValue()).toBe('8');
    await input.fill('abc');
    expect(await slider.inputValue()).toBe('8');
    await input.press('Enter');
    expect(await row().getByTestId('scale-error').textContent()).toBe('Replicas must be a number.');
    expect(await replicas()).toBe('8');
  });

  it('keeps the legend equal to the chips drawn while pods go away, each fading from its place (12)', async () => {
    const { page } = app;
    await eventually(
      '8 chips',
      async () => (await page.locator('[data-testid="pod-chip"]:not([data-leaving])').count()) === 8,
      60_000,
    );
    // After every change of the map, compare each legend count with the chips of that phase on screen; and a
    // chip taken out of the page must have been fading (not vanished, to come back fading a frame later).
    await page.evaluate(() => {
      const w = window as unknown as { legend: Legend };
      w.legend = { checks: 0, leaving: 0, mismatches: [], vanished: [] };
      const map = document.querySelector('[data-testid="cluster-map"]')?.parentElement ?? document.body;
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of r.removedNodes)
            if (node instanceof HTMLElement && node.dataset.testid === 'pod-chip' && !node.dataset.leaving)
              w.legend.vanished.push(node.dataset.pod ?? '');
        const drawn = new Map<string, number>();
        const chips = document.querySelectorAll<HTMLElement>('[data-testid="pod-chip"]');
        for (const chip of chips) drawn.set(chip.dataset.phase ?? '', (drawn.get(chip.dataset.phase ?? '') ?? 0) + 1);
        w.legend.checks++;
        w.legend.leaving += document.querySelectorAll('[data-testid="pod-chip"][data-leaving]').length;
        for (const item of document.querySelectorAll<HTMLElement>('[data-testid="legend-item"]')) {
          const phase = item.dataset.phase ?? '';
          if (Number(item.dataset.count) !== (drawn.get(phase) ?? 0))
            w.legend.mismatches.push(`${phase}: legend ${item.dataset.count}, chips ${drawn.get(phase) ?? 0}`);
        }
      }).observe(map, { subtree: true, childList: true, attributes: true });
    });
    const input = row().getByLabel('Replicas for web');
    await input.fill('0');
    await input.press('Enter');
    await eventually('no chips', async () => (await page.getByTestId('pod-chip').count()) === 0, 60_000);
    const legend = await page.evaluate(() => (window as unknown as { legend: Legend }).legend);
    expect(legend.leaving).toBeGreaterThan(0);
    expect(legend.mismatches).toEqual([]);
    expect(legend.vanished).toEqual([]);
  });

  it('shows what the pods on each node request against what it can allocate (13)', async () => {
    const { page } = app;
    const manifest = join(dir, 'asks.yaml');
    writeFileSync(
      manifest,
      stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'asks', namespace: ns },
        spec: {
          nodeName: 'kwok-node-0',
          containers: [
            {
              name: 'main',
              image: 'berth-fixture/busybox:latest',
              resources: { requests: { cpu: '1250m', memory: '96Mi' } },
            },
          ],
        },
      }),
    );
    await kubectl('apply', '-f', manifest);
    await page.getByRole('tab', { name: 'Nodes' }).click();
    const table = page.getByTestId('nodes-table');
    await table.getByRole('columnheader', { name: 'CPU requested / allocatable' }).waitFor();
    const node = table.locator('[role="row"][data-key="kwok-node-0"]');
    // What kubectl says the node's running pods request, against what Berth shows.
    const expected = async () => {
      const list = JSON.parse(
        await kubectl('get', 'pods', '-A', '--field-selector', 'spec.nodeName=kwok-node-0', '-o', 'json'),
      ) as {
        items: Array<{
          status?: { phase?: string };
          spec: { containers: Array<{ resources?: { requests?: Record<string, string> } }> };
        }>;
      };
      const live = list.items.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
      const cpu = live.flatMap((p) => p.spec.containers).reduce((n, c) => n + cores(c.resources?.requests?.cpu), 0);
      const memory = live
        .flatMap((p) => p.spec.containers)
        .reduce((n, c) => n + bytes(c.resources?.requests?.memory), 0);
      return { cpu: `${formatCores(cpu)} / 32`, memory: formatBinaryBytes(memory), pods: `${live.length} / 110` };
    };
    await eventually(
      'requested / allocatable as kubectl counts it',
      async () => {
        const want = await expected();
        const cpu = (await node.getByTestId('node-cpu').textContent()) ?? '';
        const memory = (await node.getByTestId('node-memory').textContent()) ?? '';
        const pods = (await node.getByTestId('node-pods').textContent()) ?? '';
        return cpu.startsWith(want.cpu) && memory.startsWith(`${want.memory} /`) && pods.startsWith(want.pods);
      },
      30_000,
    );
    expect(await node.getByTestId('node-cpu').textContent()).toMatch(/^\d[\d.m]* \/ 32 \(\d+%\)$/);
    expect(await page.getByTestId('nodes-note').textContent()).toMatch(/no metrics-server/);
  });
});

/** Kubernetes CPU quantities as cores (the forms these tests and Berth's deploys write). */
function cores(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q);
}

/** Kubernetes memory quantities as bytes (binary suffixes, or plain bytes). */
function bytes(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi)?$/.exec(q);
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 'Ki' ? 1024 : m[2] === 'Mi' ? 1024 ** 2 : m[2] === 'Gi' ? 1024 ** 3 : 1);
}
