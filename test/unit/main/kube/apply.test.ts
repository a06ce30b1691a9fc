/** YAML the user pastes to apply: split into objects, errors with their line. */
import { describe, expect, it } from 'vitest';
import { parseManifests } from '../../../../main/kube/apply';
import { ApiError } from '../../../../contract/errors';

describe('YAML to apply', () => {
  it('reads every document, skipping empty ones and flagging non-objects', () => {
    const parsed = parseManifests(
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\n- 1\n---\nkind: Foo\n',
    );
    expect(parsed.map((p) => [p.object?.kind, Boolean(p.problem)])).toEqual([
      ['ConfigMap', false],
      [undefined, true],
      ['Foo', true],
    ]);
  });
  it('gives the line and column of a syntax error', () => {
    try {
      parseManifests('apiVersion: v1\nkind: ConfigMap\n---\nmetadata: { name: x\ndata: [1\n');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      const err = e as ApiError;
      expect(err.code).toBe('invalid_input');
      expect(err.message).toMatch(/^YAML syntax error at line \d+, column \d+/);
      expect((err.details as { line: number }).line).toBeGreaterThanOrEqual(4);
    }
  });
});
