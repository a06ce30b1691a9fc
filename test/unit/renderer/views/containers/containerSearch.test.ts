/** What the containers filter box matches: name, image or compose project containing the text, or an id prefix. */
import { describe, expect, it } from 'vitest';
import { containerSearch } from '../../../../../renderer/views/containers/containerSearch';
import { matchesSearch } from '../../../../../renderer/components/incrementalFilter';
import type { ContainerSummary } from '../../../../../contract/containers';

const containerMatches = (c: ContainerSummary, needle: string) => matchesSearch(containerSearch, c, needle);
const c = { id: 'abc123', name: 'Web-1', image: 'nginx:1.27', composeProject: 'Shop' } as ContainerSummary;

describe('containerSearch', () => {
  it('matches name, image and project case-insensitively (the needle comes lower-cased), and an id prefix', () => {
    for (const needle of ['web', 'b-1', 'nginx:1', 'shop', 'abc']) expect(containerMatches(c, needle)).toBe(true);
  });

  it('does not match text inside the id, or text that spans two fields', () => {
    for (const needle of ['123', 'web-1nginx', 'redis']) expect(containerMatches(c, needle)).toBe(false);
  });
});
