/** What the stacks filter box matches. */
import { describe, expect, it } from 'vitest';
import type { ComposeStack } from '../../../../../contract/compose';
import { matchesSearch } from '../../../../../renderer/components/incrementalFilter';
import { stackSearch } from '../../../../../renderer/views/compose/stackSearch';

const stackMatches = (s: ComposeStack, needle: string) => matchesSearch(stackSearch, s, needle);

const stack: ComposeStack = {
  name: 'Shop',
  configFiles: [],
  services: [
    {
      name: 'web',
      containers: [{ id: '1', name: 'shop-web-1', image: 'x', state: 'running', status: 'Up', ports: [] }],
    },
    { name: 'db', containers: [] },
  ],
  running: 1,
  total: 1,
  state: 'running',
};

describe('stacks filter', () => {
  it("matches the stack's name, a service's or a container's, in any case", () => {
    expect(['shop', 'db', 'web-1', 'we'].map((n) => stackMatches(stack, n))).toEqual([true, true, true, true]);
    expect(stackMatches(stack, 'redis')).toBe(false);
    // No match spans two names.
    expect(stackMatches(stack, 'web\ndb')).toBe(false);
    expect(stackMatches(stack, 'shopweb')).toBe(false);
  });
});
