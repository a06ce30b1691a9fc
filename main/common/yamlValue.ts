/**
 * A parsed YAML document's value, read with a bound on alias expansion. A document whose anchors and aliases
 * expand past that bound (a "YAML bomb": a few lines that grow into billions of nodes) is refused as a bad
 * input with a plain message, instead of the `yaml` library's ReferenceError reaching the user as a crash.
 */
import type { Document } from 'yaml';
import { ApiError } from '../../contract/errors';

/** Generous for real files (compose's x- extensions, Helm output) and far below what hurts. */
export const MAX_ALIAS_COUNT = 1000;

/** `what` names the input in the message ("compose.yaml", "The YAML"); `hint` says what to do. */
export function yamlValue(doc: Document.Parsed | Document, what: string, hint: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ReferenceError && /alias/i.test(e.message)) {
      throw new ApiError(
        'invalid_input',
        `${what} repeats its YAML aliases (*name) so many times that reading it would exhaust memory; Berth stopped reading it.`,
        hint,
      );
    }
    throw e;
  }
}
