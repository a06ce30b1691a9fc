/** Proves main/tsconfig.json (main and preload) bites: code type-checked as main cannot name the DOM. */
import { describe, expect, it } from 'vitest';
import { typeErrors } from '../../helpers/typeErrors';

describe('the main type-check configuration', { timeout: 60_000 }, () => {
  it('main cannot name the DOM', () => {
    const errors = typeErrors('main', 'export const x = [document.title, window.location, process.env.HOME];\n');
    expect(errors).toEqual([
      expect.stringContaining("Cannot find name 'document'"),
      expect.stringContaining("Cannot find name 'window'"),
    ]);
  });
});
