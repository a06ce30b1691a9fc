/** Image table rows: one per tag, reused while unchanged; the filter box and the usage select. */
import { describe, expect, it } from 'vitest';
import { filterRows, toRows } from '../../../../../renderer/views/images/imageRows';
import type { ImageSummary } from '../../../../../contract/images';

const image = (id: string, repoTags: string[], dangling = false) => ({ id, repoTags, dangling }) as ImageSummary;

describe('image rows', () => {
  const redis = image('sha256:aaa111', ['redis:7', 'cache/Redis:latest']);
  const none = image('sha256:bbb222', [], true);

  it('has one row per tag, and a <none> row for an untagged image', () => {
    const rows = toRows([redis, none], new Map([['sha256:aaa111', 2]]));
    expect(rows.map((r) => `${r.repository}:${r.tag} ${r.containers}`)).toEqual([
      'redis:7 2',
      'cache/Redis:latest 2',
      '<none>:<none> 0',
    ]);
  });

  it('keeps row objects while the image and its container count are unchanged', () => {
    const usage = new Map([['sha256:aaa111', 1]]);
    const first = toRows([redis, none], usage);
    const again = toRows([redis, none], new Map(usage));
    expect(again).toEqual(first);
    again.forEach((r, i) => expect(r).toBe(first[i]));
    const moreUsed = toRows([redis, none], new Map([['sha256:aaa111', 3]]));
    expect(moreUsed[0]).not.toBe(first[0]);
    expect(moreUsed[2]).toBe(first[2]);
  });

  it('filters by repository:tag (any case) or id prefix, and by usage', () => {
    const rows = toRows([redis, none], new Map([['sha256:aaa111', 1]]));
    expect(filterRows(rows, ' REDIS ', 'all').map((r) => r.ref)).toEqual(['redis:7', 'cache/Redis:latest']);
    expect(filterRows(rows, 'bbb', 'all').map((r) => r.ref)).toEqual(['sha256:bbb222']);
    expect(filterRows(rows, '111', 'all')).toEqual([]);
    expect(filterRows(rows, '', 'unused').map((r) => r.ref)).toEqual(['sha256:bbb222']);
    expect(filterRows(rows, '', 'dangling').map((r) => r.ref)).toEqual(['sha256:bbb222']);
    expect(filterRows(rows, 'redis', 'used')).toHaveLength(2);
  });
});
