/**
 * Runs work when the page has nothing else to do (requestIdleCallback; a short timeout where there is none,
 * as under jsdom), at the latest after `timeoutMs`. Returns the cancel.
 */
export function whenIdle(f: () => void, timeoutMs: number, page: Window = window): () => void {
  if (typeof page.requestIdleCallback === 'function') {
    const id = page.requestIdleCallback(f, { timeout: timeoutMs });
    return () => page.cancelIdleCallback(id);
  }
  const id = setTimeout(f, Math.min(timeoutMs, 500));
  return () => clearTimeout(id);
}
