import { describe, expect, it } from 'vitest';
import { matchScore, rankEntries } from '../../../../../renderer/components/palette/match';

const names = (xs: string[], q: string, limit = 50) => rankEntries(xs, q, (x) => x, limit);

describe('command palette matching', () => {
  it('ranks exact, then prefix, then word start, then inside, then letters in order', () => {
    const list = ['my-web', 'cobweb', 'web-frontend', 'web', 'w-e-b', 'redis'];
    expect(names(list, 'web')).toEqual(['web', 'web-frontend', 'my-web', 'cobweb', 'w-e-b']);
  });

  it('ignores case and surrounding spaces', () => {
    expect(names(['Web-API', 'db'], '  WEB ')).toEqual(['Web-API']);
    expect(matchScore('Web-API', 'web-api')).toBe(1000);
  });

  it('finds letters in order and prefers fewer gaps', () => {
    expect(names(['web-frontend', 'redis'], 'wbfe')).toEqual(['web-frontend']);
    // One gap (w…br) beats two (w…b…r) even for a longer name.
    expect(names(['wide-burrow', 'webrick-server-long'], 'wbr')).toEqual(['webrick-server-long', 'wide-burrow']);
    expect(matchScore('redis', 'sider')).toBeUndefined();
  });

  it('breaks ties by the shorter name, then alphabetically', () => {
    expect(names(['api-b', 'api-a', 'api-long'], 'api')).toEqual(['api-a', 'api-b', 'api-long']);
  });

  it('keeps the given order with no query, and honours the limit', () => {
    expect(names(['z', 'a', 'm'], '')).toEqual(['z', 'a', 'm']);
    expect(names(['a1', 'a2', 'a3'], 'a', 2)).toEqual(['a1', 'a2']);
  });
});
