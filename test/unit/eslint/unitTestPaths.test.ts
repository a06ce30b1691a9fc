/** Proves `berth/unit-test-paths` bites: a unit test that names no module fails lint, one that mirrors its module passes. */
import { describe, expect, it } from 'vitest';
import { lintMessages } from '../../helpers/lintScratch';

const scratch = "import { it } from 'vitest';\nit('works', () => {});\n";

describe('unit test paths (berth/unit-test-paths)', { timeout: 60_000 }, () => {
  it('refuses a unit test named after no module, saying where it goes', async () => {
    expect(await lintMessages('berth/unit-test-paths', 'test/unit/kubeMappers.test.ts', scratch)).toEqual([
      expect.stringContaining(
        'test/unit/kubeMappers.test.ts tests no module: name a unit test after the file it tests',
      ),
    ]);
  });

  it('takes a unit test at the path of its module', async () => {
    expect(await lintMessages('berth/unit-test-paths', 'test/unit/main/kube/mappers.test.ts', scratch)).toEqual([]);
    expect(await lintMessages('berth/unit-test-paths', 'test/integration/anything.test.ts', scratch)).toEqual([]);
  });
});
