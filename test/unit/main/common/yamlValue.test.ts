/** A YAML document's value: ordinary aliases are read, a "YAML bomb" is refused as bad input, quickly. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { ApiError } from '../../../../contract/errors';
import { yamlValue } from '../../../../main/common/yamlValue';
import { YAML_BOMB } from '../../../helpers/hostileYaml';

describe('yamlValue', () => {
  it('reads anchors and aliases used as people use them', () => {
    const doc = parseDocument('base: &base {image: redis}\nweb: {<<: *base, ports: [80]}\ndb: *base\n', {
      merge: true,
    });
    expect(yamlValue(doc, 'compose.yaml', 'fix it')).toEqual({
      base: { image: 'redis' },
      web: { image: 'redis', ports: [80] },
      db: { image: 'redis' },
    });
  });

  it('refuses a YAML bomb with invalid_input, its name and the hint, without expanding it', () => {
    const doc = parseDocument(YAML_BOMB);
    expect(doc.errors).toEqual([]);
    const err = (() => {
      try {
        yamlValue(doc, 'compose.yaml', 'Fix the compose file.');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid_input', hint: 'Fix the compose file.' });
    expect((err as ApiError).message).toMatch(/^compose\.yaml repeats its YAML aliases/);
  });
});
