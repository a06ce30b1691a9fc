/**
 * In-page instrumentation for the Containers view: a MutationObserver that stamps the moment a row with a
 * given container name enters the DOM, and the moment its state cell first reads "Up", each with the next
 * animation frame after it (the frame that paints it).
 */
import type { Page } from 'playwright-core';

export interface RowSighting {
  /** Epoch ms (timeOrigin + performance.now()) of the mutation that added the row. */
  visible: number;
  visibleFrame: number;
  /** The same moment by Date.now(), for a cross-check of the two clocks. */
  visibleDate: number;
  running?: number;
  runningFrame?: number;
}

interface ProbeWindow {
  __benchWatch?: (name: string) => void;
  __benchSeen?: Record<string, RowSighting>;
}

export async function installRowProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    const pending = new Set<string>();
    const seen: Record<string, RowSighting> = {};
    w.__benchSeen = seen;
    w.__benchWatch = (name: string) => {
      pending.add(name);
    };
    const stamp = () => performance.timeOrigin + performance.now();
    const check = () => {
      if (pending.size === 0) return;
      const t = stamp();
      const d = Date.now();
      for (const el of document.querySelectorAll('[data-testid="container-name"]')) {
        const name = el.textContent ?? '';
        if (!pending.has(name)) continue;
        let s = seen[name];
        if (!s) {
          const sighting: RowSighting = { visible: t, visibleFrame: 0, visibleDate: d };
          seen[name] = sighting;
          s = sighting;
          requestAnimationFrame(() => (sighting.visibleFrame = stamp()));
        }
        const state = el.closest('[role="row"]')?.querySelector('[data-testid="container-state"]')?.textContent ?? '';
        if (s.running === undefined && state.startsWith('Up')) {
          const sighting = s;
          sighting.running = t;
          requestAnimationFrame(() => (sighting.runningFrame = stamp()));
          pending.delete(name);
        }
      }
    };
    new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
}

export async function watchRow(page: Page, name: string): Promise<void> {
  await page.evaluate((n) => (window as unknown as ProbeWindow).__benchWatch?.(n), name);
}

/** Waits until the row is visible and shows "Up" (and both frames are stamped). */
export async function waitForRow(page: Page, name: string, timeoutMs = 15_000): Promise<RowSighting> {
  const handle = await page.waitForFunction(
    (n) => {
      const s = (window as unknown as ProbeWindow).__benchSeen?.[n];
      return s && s.visibleFrame && s.runningFrame ? s : undefined;
    },
    name,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as RowSighting;
}
