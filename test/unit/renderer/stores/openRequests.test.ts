/**
 * A compose file the desktop shell was asked to open (a second launch with a path, a file association) shows
 * the Compose view and opens there; the compose store is fetched with the request, not with the first paint.
 */
import { describe, expect, it, vi } from 'vitest';
import type { StreamHandlers } from '../../../../contract/define';
import { connectOpenRequests } from '../../../../renderer/stores/openRequests';
import { useNav } from '../../../../renderer/stores/navStore';
import { useCompose } from '../../../../renderer/stores/composeStore';

vi.mock('../../../../renderer/stores/composeStore', () => {
  const open = vi.fn(async () => undefined);
  return { useCompose: { getState: () => ({ open }) } };
});

describe('open requests', () => {
  it('show the Compose view and open the file there', async () => {
    const page = { hash: '' };
    vi.stubGlobal('location', page);
    vi.stubGlobal('history', { pushState: (_: unknown, __: string, hash: string) => (page.hash = hash) });
    let handlers: StreamHandlers<{ path: string }> | undefined;
    const client = {
      settings: {
        openRequests: {
          subscribe: (_: undefined, h: StreamHandlers<{ path: string }>) => {
            handlers = h;
            return { unsubscribe: () => {} };
          },
        },
      },
    };
    const stop = connectOpenRequests(client as unknown as Parameters<typeof connectOpenRequests>[0]);
    handlers?.onEvent({ path: '/work/app/compose.yaml' });
    expect(useNav.getState().view).toBe('compose');
    await vi.waitFor(() => expect(useCompose.getState().open).toHaveBeenCalledWith('/work/app/compose.yaml'));
    expect(page.hash).toBe('#/compose');
    stop();
    vi.unstubAllGlobals();
  });
});
