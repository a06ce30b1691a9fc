/** Image table rows: one per tag, reused while unchanged; the filter box and the usage select. */
import { describe, expect, it } from 'vitest';
import { filterRows, imageRowMatches, toRows } from '../../../../../renderer/views/images/imageRows';
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

  it('matches the same way keystroke after keystroke, from text derived once per row object', () => {
    const plain = image('ccc333', ['web:1']); // an id without the sha256: prefix
    const rows = toRows([redis, plain], new Map());
    const redis7 = rows[0]!;
    const web = rows[2]!;
    for (let i = 0; i < 2; i++) {
      expect(['a', 'aa', 'aaa1', 'aaa111', 'aaa1112'].map((n) => imageRowMatches(redis7, n))).toEqual([
        true,
        true,
        true,
        true,
        false,
      ]);
      expect(imageRowMatches(redis7, 'sha256')).toBe(false);
      expect(imageRowMatches(web, 'ccc3')).toBe(true);
      expect(imageRowMatches(web, 'web:1')).toBe(true);
    }
    // Re-tagged, the image is a new object with new rows, searched by their own text.
    const [api] = toRows([image('ccc333', ['api:2'])], new Map());
    expect(imageRowMatches(api!, 'web')).toBe(false);
    expect(imageRowMatches(api!, 'api:2')).toBe(true);
    expect(imageRowMatches(api!, 'ccc')).toBe(true);
  });
});
