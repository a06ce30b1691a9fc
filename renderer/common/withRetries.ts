/**
 * Loading code with retries: a fetch of a chunk or of its stylesheet can fail on a busy machine (seen in CI as
 * "Unable to preload CSS"). Between tries, stylesheet links whose fetch failed are removed: the bundle's
 * loader skips a stylesheet whose link is already in the page, loaded or not.
 */
const failedStylesheets = new Set<HTMLLinkElement>();
if (typeof document !== 'undefined') {
  document.addEventListener(
    'error',
    (e) => {
      if (e.target instanceof HTMLLinkElement && e.target.rel === 'stylesheet') failedStylesheets.add(e.target);
    },
    true,
  );
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `load()`, tried up to `attempts` times, waiting longer each time; failed stylesheets are dropped between. */
export async function withRetries<T>(load: () => Promise<T>, attempts = 3, wait = delay): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (e) {
      if (attempt >= attempts) throw e;
      for (const link of failedStylesheets) link.remove();
      failedStylesheets.clear();
      await wait(300 * attempt);
    }
  }
}
