/** Image table rows: one per tag, reused while unchanged; the filter box and the usage select (counts from main). */
import { describe, expect, it } from 'vitest';
import { filterRows, imageRowMatches, toRows } from '../../../../../renderer/views/images/imageRows';
import type { ImageSummary } from '../../../../../contract/images';

const image = (id: string, repoTags: string[], dangling = false, containers?: number) =>
  ({ id, repoTags, dangling, containers }) as ImageSummary;

describe('image rows', () => {
  const redis = image('sha256:aaa111', ['redis:7', 'cache/Redis:latest'], false, 1);
  const none = image('sha256:bbb222', [], true, 0);

  it('has one row per tag, and a <none> row for an untagged image', () => {
    const rows = toRows([{ ...redis, containers: 2 }, none]);
    expect(rows.map((r) => `${r.repository}:${r.tag} ${r.containers}`)).toEqual([
      'redis:7 2',
      'cache/Redis:latest 2',
      '<none>:<none> 0',
    ]);
  });

  it('keeps row objects while the live list keeps the image object', () => {
    const first = toRows([redis, none]);
    const again = toRows([redis, none]);
    again.forEach((r, i) => expect(r).toBe(first[i]));
    // A container came: main sent the image again, with its new count.
    const moreUsed = toRows([{ ...redis, containers: 3 }, none]);
    expect(moreUsed[0]).not.toBe(first[0]);
    expect(moreUsed[0]?.containers).toBe(3);
    expect(moreUsed[2]).toBe(first[2]);
  });

  it('counts an image as neither used nor unused until its containers are counted', () => {
    const rows = toRows([image('sha256:ccc333', ['web:1']), image('sha256:ddd444', ['db:1'], false, 0)]);
    expect(rows[0]?.containers).toBeUndefined();
    expect(filterRows(rows, '', 'used')).toEqual([]);
    expect(filterRows(rows, '', 'unused').map((r) => r.ref)).toEqual(['db:1']);
    expect(filterRows(rows, '', 'all')).toHaveLength(2);
  });

  it('filters by repository:tag (any case) or id prefix, and by usage', () => {
    const rows = toRows([redis, none]);
    expect(filterRows(rows, ' REDIS ', 'all').map((r) => r.ref)).toEqual(['redis:7', 'cache/Redis:latest']);
    expect(filterRows(rows, 'bbb', 'all').map((r) => r.ref)).toEqual(['sha256:bbb222']);
    expect(filterRows(rows, '111', 'all')).toEqual([]);
    expect(filterRows(rows, '', 'unused').map((r) => r.ref)).toEqual(['sha256:bbb222']);
    expect(filterRows(rows, '', 'dangling').map((r) => r.ref)).toEqual(['sha256:bbb222']);
    expect(filterRows(rows, 'redis', 'used')).toHaveLength(2);
  });

  it('matches the same way keystroke after keystroke, from text derived once per row object', () => {
    const plain = image('ccc333', ['web:1']); // an id without the sha256: prefix
    const rows = toRows([redis, plain]);
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
    const [api] = toRows([image('ccc333', ['api:2'])]);
    expect(imageRowMatches(api!, 'web')).toBe(false);
    expect(imageRowMatches(api!, 'api:2')).toBe(true);
    expect(imageRowMatches(api!, 'ccc')).toBe(true);
  });
});
