/**
 * Event → screen for a pod change (item 17): a change made through the API, timed from the request to
 * the change in Chromium's DOM (a MutationObserver in the page, plus the next frame), beside `kubectl get
 * -w` seeing the same change (its stdout line, stamped on arrival). Two changes: a label set on one pod
 * whose page is open (Resources → Pods → the pod), and a pod deleted → its replacement Running on the
 * cluster map.
 */
import type { Page } from 'playwright-core';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { epochNow, pageClockOffset } from './browser';
import { watchLines } from './cli';
import { median, p95, sleep } from './stats';

export interface KubeTarget {
  kubeconfig: string;
  context: string;
  namespace: string;
}

export interface ChangeSample {
  /** ms from the request to the change in the DOM, and to the frame after it. */
  screen: number;
  frame: number;
  /** ms from the request to `kubectl get -w` printing it. */
  cli: number;
}

interface ScreenWindow {
  __benchChange?: { test: string; arg: string; known: string[]; seen?: number; frame?: number };
}

/** `kubectl get pods -w` with each stdout line stamped (epoch ms) as it arrives. */
const kubectlWatch = (target: KubeTarget, args: string[]) =>
  watchLines('kubectl', [
    '--kubeconfig',
    target.kubeconfig,
    '--context',
    target.context,
    '-n',
    target.namespace,
    'get',
    'pods',
    '-w',
    '--no-headers',
    ...args,
  ]);

/** In the page: stamps the first mutation after which `test` holds (seen), and the next frame. */
async function expectInPage(page: Page, test: 'label' | 'replacement', arg: string): Promise<void> {
  await page.evaluate(
    ({ test: kind, arg: value }) => {
      const w = window as unknown as ScreenWindow;
      const stamp = () => performance.timeOrigin + performance.now();
      const chips = () => [...document.querySelectorAll('[data-testid="pod-chip"]')];
      const known = kind === 'replacement' ? chips().map((c) => c.getAttribute('data-pod') ?? '') : [];
      const c: NonNullable<ScreenWindow['__benchChange']> = { test: kind, arg: value, known };
      w.__benchChange = c;
      const holds = () => {
        if (kind === 'label')
          return (
            document.querySelector('[data-testid="object-detail"] [data-testid="labels"]')?.textContent ?? ''
          ).includes(value);
        const before = new Set(c.known);
        return chips().some(
          (e) =>
            e.getAttribute('data-phase') === 'Running' &&
            !e.hasAttribute('data-leaving') &&
            !before.has(e.getAttribute('data-pod') ?? ''),
        );
      };
      const observer = new MutationObserver(() => {
        if (c.seen !== undefined || !holds()) return;
        c.seen = stamp();
        observer.disconnect();
        requestAnimationFrame(() => (c.frame = stamp()));
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    { test, arg },
  );
}

async function seenInPage(page: Page, timeoutMs = 60_000): Promise<{ seen: number; frame: number }> {
  const handle = await page.waitForFunction(
    () => {
      const c = (window as unknown as ScreenWindow).__benchChange;
      return c?.seen !== undefined && c.frame !== undefined ? { seen: c.seen, frame: c.frame } : undefined;
    },
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as { seen: number; frame: number };
}

/** A CoreV1 client for the target's kubeconfig and context. */
export function coreApi(target: Pick<KubeTarget, 'kubeconfig' | 'context'>): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(target.kubeconfig);
  kc.setCurrentContext(target.context);
  return kc.makeApiClient(CoreV1Api);
}

/** `n` label changes on pod `pod`, whose page is open in `page`. */
export async function labelToScreen(page: Page, target: KubeTarget, pod: string, n: number): Promise<ChangeSample[]> {
  const core = coreApi(target);
  const key = 'berth-bench-seq';
  const watch = kubectlWatch(target, [pod, '-L', key]);
  const out: ChangeSample[] = [];
  try {
    await sleep(1000);
    const offset = await pageClockOffset(page);
    for (let i = 0; i < n; i++) {
      const value = `s${Date.now().toString(36)}${i}`;
      await expectInPage(page, 'label', `${key}=${value}`);
      const from = watch.count();
      const t0 = epochNow();
      await core.patchNamespacedPod({
        name: pod,
        namespace: target.namespace,
        body: [{ op: 'add', path: `/metadata/labels/${key}`, value }],
      });
      const [s, cli] = await Promise.all([seenInPage(page), watch.until(from, (cols) => cols.at(-1) === value)]);
      out.push({ screen: s.seen - offset - t0, frame: s.frame - offset - t0, cli: cli - t0 });
      await sleep(200 + Math.random() * 300);
    }
  } finally {
    watch.close();
  }
  return out;
}

/** `n` times: one Running pod of `selector` deleted → its replacement Running on the map open in `page`. */
export async function replacementToScreen(
  page: Page,
  target: KubeTarget,
  selector: string,
  n: number,
): Promise<ChangeSample[]> {
  const core = coreApi(target);
  const watch = kubectlWatch(target, ['-l', selector]);
  const out: ChangeSample[] = [];
  try {
    await sleep(1000);
    const offset = await pageClockOffset(page);
    for (let i = 0; i < n; i++) {
      const { items } = await core.listNamespacedPod({ namespace: target.namespace, labelSelector: selector });
      const names = new Set(items.map((p) => p.metadata?.name ?? ''));
      const victim = items.find((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)?.metadata?.name;
      if (!victim) throw new Error(`no Running pod with ${selector} to delete`);
      await expectInPage(page, 'replacement', '');
      const from = watch.count();
      const t0 = epochNow();
      await core.deleteNamespacedPod({ name: victim, namespace: target.namespace, gracePeriodSeconds: 1 });
      const [s, cli] = await Promise.all([
        seenInPage(page, 120_000),
        watch.until(from, (cols) => !names.has(cols[0] ?? '') && cols[2] === 'Running', 120_000),
      ]);
      out.push({ screen: s.seen - offset - t0, frame: s.frame - offset - t0, cli: cli - t0 });
      await sleep(1000 + Math.random() * 500);
    }
  } finally {
    watch.close();
  }
  return out;
}

export const describeSamples = (xs: ChangeSample[]): string =>
  `DOM p50 ${median(xs.map((x) => x.screen)).toFixed(0)} / p95 ${p95(xs.map((x) => x.screen)).toFixed(0)} ms, its frame p50 ${median(xs.map((x) => x.frame)).toFixed(0)} / p95 ${p95(xs.map((x) => x.frame)).toFixed(0)} ms; kubectl get -w p50 ${median(xs.map((x) => x.cli)).toFixed(0)} / p95 ${p95(xs.map((x) => x.cli)).toFixed(0)} ms`;
