/**
 * When the first view's lists have answered (what the entry point waits for, with their paint, before it
 * fetches the code the first view does not need): each list's snapshot or error, at once for a view without.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { listsAnswered } from '../../../../renderer/stores/earlyLists';
import { useContainers, useImages } from '../../../../renderer/stores/dockerStores';

const settled = async (p: Promise<void>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 0));
  return done;
};

afterEach(() => {
  useContainers.setState({ loaded: false, error: undefined });
  useImages.setState({ loaded: false, error: undefined });
});

describe('listsAnswered', () => {
  it('waits for every list of the view: the Images view for its images and the containers using them', async () => {
    const answered = listsAnswered('images');
    expect(await settled(answered)).toBe(false);
    useImages.setState({ loaded: true });
    expect(await settled(answered)).toBe(false);
    useContainers.setState({ error: { code: 'engine_unreachable', message: 'The engine is not running.' } });
    expect(await settled(answered)).toBe(true);
  });

  it('is answered at once for a list already loaded, and for a view that subscribes none early', async () => {
    useContainers.setState({ loaded: true });
    expect(await settled(listsAnswered('containers'))).toBe(true);
    expect(await settled(listsAnswered('dashboard'))).toBe(true);
  });
});
