/** Versions from the words programs print. */
import { describe, expect, it } from 'vitest';
import { parseVersion } from '../../../../main/system/environmentProbe';

describe('version parsing', () => {
  it.each([
    ['docker-compose version 1.29.2, build unknown', '1.29.2'],
    ['Docker Compose version v2.29.1', 'v2.29.1'],
    ['Docker version 20.10.24+dfsg1, build 297e128', '20.10.24+dfsg1'],
    ['kind v0.33.0 go1.26.8 linux/amd64', 'v0.33.0'],
    ['Client Version: v1.32.4-dispatcher\nKustomize Version: v5.5.0', 'v1.32.4-dispatcher'],
    ['no version here', undefined],
  ])('%s → %s', (output, version) => expect(parseVersion(output)).toBe(version));
});
