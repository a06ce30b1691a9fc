/** Proves renderer/tsconfig.json bites: code type-checked as the renderer cannot name Node (`process`, `node:fs`). */
import { describe, expect, it } from 'vitest';
import { typeErrors } from '../../helpers/typeErrors';

describe('the renderer type-check configuration', { timeout: 60_000 }, () => {
  it('the renderer cannot name Node', () => {
    const errors = typeErrors(
      'renderer',
      "import { readFileSync } from 'node:fs';\nexport const x = [readFileSync, process.env.HOME, document.title];\n",
    );
    expect(errors).toEqual([
      expect.stringContaining("Cannot find name 'node:fs'"),
      expect.stringContaining("Cannot find name 'process'"),
    ]);
  });
});
