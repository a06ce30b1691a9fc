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
  it("waits for the view's list: the Images view for its images, the Containers view for an error too", async () => {
    const images = listsAnswered('images');
    expect(await settled(images)).toBe(false);
    useContainers.setState({ loaded: true }); // not the Images view's: main counts each image's containers
    expect(await settled(images)).toBe(false);
    useImages.setState({ loaded: true });
    expect(await settled(images)).toBe(true);
    useContainers.setState({ loaded: false });
    const containers = listsAnswered('containers');
    expect(await settled(containers)).toBe(false);
    useContainers.setState({ error: { code: 'engine_unreachable', message: 'The engine is not running.' } });
    expect(await settled(containers)).toBe(true);
  });

  it('is answered at once for a list already loaded, and for a view that subscribes none early', async () => {
    useContainers.setState({ loaded: true });
    expect(await settled(listsAnswered('containers'))).toBe(true);
    expect(await settled(listsAnswered('dashboard'))).toBe(true);
  });
});
