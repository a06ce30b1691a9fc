/**
 * How an in-page probe hands its figures to the bench while the page loads: it logs them to the console
 * (`console.debug` of the prefix, a name and JSON), and the bench listens for that message. Polling the page
 * instead (`page.waitForFunction`) makes Playwright compile its own injected script on the page's main
 * thread — 20–40 ms here, in the middle of the very load being timed, and more for a page still loading than
 * for one already done, so it weighed on the app and hardly on the bare page beside it.
 */
import type { Page } from 'playwright-core';

/** The prefix of a report's console message; a probe receives it as an argument (probes are serialised). */
export const REPORT_PREFIX = 'berth-bench-report';

/** Starts listening for the probe's report `name`: call it before the navigation, await it after. */
export function pageReport<T>(page: Page, name: string, timeoutMs = 60_000): Promise<T> {
  const head = `${REPORT_PREFIX} ${name} `;
  const report = page
    .waitForEvent('console', { predicate: (m) => m.text().startsWith(head), timeout: timeoutMs })
    .then((m) => JSON.parse(m.text().slice(head.length)) as T);
  // Whoever awaits it sees a timeout; a navigation that failed first must not leave it unhandled.
  report.catch(() => {});
  return report;
}
