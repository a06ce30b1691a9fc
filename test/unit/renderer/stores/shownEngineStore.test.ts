/** The list views show a kept engine only while it is still kept; otherwise (let go, never kept) the engine in use. */
import { describe, expect, it } from 'vitest';
import type { ConnectedEngine } from '../../../../contract/system';
import { keptShown } from '../../../../renderer/stores/shownEngineStore';

const engine = (name: string, inUse: boolean): ConnectedEngine => ({
  name,
  inUse,
  status: 'connected',
  endpoint: `ssh://${name}`,
  source: name,
});

describe('keptShown', () => {
  const engines = [engine('laptop', true), engine('build', false)];

  it('is the kept engine chosen', () => {
    expect(keptShown(engines, 'build')).toBe('build');
  });

  it('is undefined (the engine in use) when none is chosen, or the one chosen is in use, let go or unknown', () => {
    expect(keptShown(engines, undefined)).toBeUndefined();
    expect(keptShown(engines, 'laptop')).toBeUndefined();
    expect(keptShown([engine('laptop', true)], 'build')).toBeUndefined();
    expect(keptShown(engines, 'ci')).toBeUndefined();
  });
});
